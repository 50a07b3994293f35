import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { PathStat } from '../containers/container-files';
import { FakeFiles } from '../testing/fake-files';
import { ProbeCache } from './probe-cache';

/** FakeFiles that counts calls, holds them open until released, and tracks how many run at once. */
class SlowFiles extends FakeFiles {
  calls = 0;
  /** Off: answers at once. */
  hold = true;
  inFlight = 0;
  most = 0;
  private gates: (() => void)[] = [];

  override async statPath(id: string, path: string): Promise<PathStat | undefined> {
    this.calls++;
    this.inFlight++;
    this.most = Math.max(this.most, this.inFlight);
    if (this.hold) await new Promise<void>((resolve) => this.gates.push(resolve));
    this.inFlight--;
    return super.statPath(id, path);
  }

  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('ProbeCache', () => {
  it('asks the engine once for the same path, however many sessions ask at once', async () => {
    const files = new SlowFiles().exe('/bin/bash');
    const cache = new ProbeCache(files);
    const answers = Promise.all([1, 2, 3].map(() => cache.statPath(files.id, '/bin/bash')));
    await tick();
    files.release();
    expect((await answers).every((s) => s?.name === 'bash')).toBe(true);
    expect(files.calls).toBe(1);
  });

  it('asks again once the answer is old, or after a put into its directory', async () => {
    let now = 0;
    const files = new SlowFiles().dir('/tmp');
    files.hold = false;
    const cache = new ProbeCache(files, () => now);
    await cache.statPath(files.id, '/tmp/.rc');
    await cache.statPath(files.id, '/tmp/.rc');
    expect(files.calls).toBe(1);
    await cache.putFiles(files.id, '/tmp', [{ name: '.rc', content: new Uint8Array([1]), mode: 0o644 }]);
    expect(await cache.statPath(files.id, '/tmp/.rc')).toMatchObject({ name: '.rc' });
    expect(files.calls).toBe(2);
    now += 31_000;
    await cache.statPath(files.id, '/tmp/.rc');
    expect(files.calls).toBe(3);
  });

  it('keeps at most 8 calls in flight on the engine', async () => {
    const files = new SlowFiles();
    const cache = new ProbeCache(files);
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => cache.statPath(files.id, `/p${i}`)));
    for (let i = 0; i < 10; i++) {
      await tick();
      files.release();
    }
    await all;
    expect(files.calls).toBe(20);
    expect(files.most).toBe(8);
  });

  it('does not keep a failure, and lets a caller walk away without failing the others', async () => {
    const files = new SlowFiles();
    files.gone = true;
    const cache = new ProbeCache(files);
    const first = cache.statPath(files.id, '/bin/sh');
    await tick();
    files.release();
    await expect(first).rejects.toBeInstanceOf(AppError);
    files.gone = false;
    files.exe('/bin/sh');
    const walkAway = new AbortController();
    const leaving = cache.statPath(files.id, '/bin/sh', walkAway.signal);
    const staying = cache.statPath(files.id, '/bin/sh');
    walkAway.abort();
    await expect(leaving).rejects.toMatchObject({ code: 'CANCELLED' });
    await tick();
    files.release();
    await expect(staying).resolves.toMatchObject({ name: 'sh' });
  });
});
