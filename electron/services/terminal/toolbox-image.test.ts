import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeToolbox } from '../testing/fake-toolbox';
import type * as Elf from './elf';
import type { ElfInfo } from './elf';
import { ensureToolboxImage, findStaticBusybox } from './toolbox-image';

// What each path's ELF header says (readElf is tested on real bytes in elf.test.ts).
const elves = new Map<string, ElfInfo>();
vi.mock('./elf', async (original) => ({
  ...(await original<typeof Elf>()),
  readElf: vi.fn(async (path: string) => {
    const elf = elves.get(path);
    if (!elf) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return elf;
  }),
}));
// `busybox --list` of a pretend busybox.
const APPLETS = ['sh', 'ls', 'ip', 'netstat', ...Array.from({ length: 120 }, (_, i) => `a${i}`)];
vi.mock('node:child_process', () => ({
  execFile: vi.fn((_file: string, _args: string[], _options: unknown, done: (e: null, out: string) => void) =>
    done(null, `busybox\n${APPLETS.join('\n')}\n`),
  ),
}));

const amd64 = (isStatic: boolean): ElfInfo => ({ bits: 64, littleEndian: true, machine: 62, isStatic });
const NO_REGISTRY = new AppError('UNAVAILABLE', 'Pulling busybox:1.36-musl failed: no such host.', {
  reason: 'Pulling busybox:1.36-musl failed: no such host.',
});

let dir: string;
let busybox: string;
let engine: FakeToolbox;
let progress: string[];
const ensure = (more: Partial<Parameters<typeof ensureToolboxImage>[1]> = {}) =>
  ensureToolboxImage(engine, { onProgress: (m) => progress.push(m), busyboxPath: busybox, ...more });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-toolbox-image-'));
  busybox = join(dir, 'busybox');
  await writeFile(busybox, 'pretend static busybox');
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(() => {
  engine = new FakeToolbox();
  engine.pullError = NO_REGISTRY;
  progress = [];
  elves.clear();
  elves.set(busybox, amd64(true));
});

describe('ensureToolboxImage', () => {
  it('uses an image labelled io.bosun.toolbox=1, preferring bosun/toolbox:<recipe>', async () => {
    engine.images = [
      { id: 'sha256:new', tags: ['local/toolbox:1'], created: 300 },
      { id: 'sha256:cur', tags: ['bosun/toolbox:1'], created: 100 },
    ];
    await expect(ensure()).resolves.toEqual({ image: 'bosun/toolbox:1', how: 'present' });
    expect(engine.calls).toEqual(['list io.bosun.toolbox=1']);
    expect(progress[0]).toBe('Looking for the Bosun toolbox image…');
  });

  it('otherwise takes the newest labelled image, by tag or by id', async () => {
    engine.images = [
      { id: 'sha256:old', tags: ['local/toolbox:0'], created: 100 },
      { id: 'sha256:new', tags: ['local/toolbox:1'], created: 300 },
    ];
    await expect(ensure()).resolves.toEqual({ image: 'local/toolbox:1', how: 'present' });
    engine.images = [{ id: 'sha256:dangling', tags: [], created: 1 }];
    await expect(ensure()).resolves.toEqual({ image: 'sha256:dangling', how: 'present' });
  });

  it('builds on a pulled busybox where a registry answers', async () => {
    engine.pullError = undefined;
    await expect(ensure()).resolves.toEqual({ image: 'bosun/toolbox:1', how: 'pulled' });
    expect(engine.calls.slice(1, 2)).toEqual(['pull busybox:1.36-musl']);
    expect(engine.calls[3]).toBe(
      'build bosun/toolbox:1 {"io.bosun.toolbox.recipe":"1","io.bosun.toolbox.source":"busybox:1.36-musl"}',
    );
    expect(engine.contexts[0]).toContain('FROM busybox:1.36-musl\nLABEL io.bosun.toolbox="1"\n');
    expect(progress).toEqual(
      expect.arrayContaining([
        'Pulling busybox:1.36-musl…',
        'a1b2: Downloading 50%',
        'Step 1/4 : FROM scratch',
      ]),
    );
  });

  it('only names a pulled image that is a toolbox already', async () => {
    engine.pullError = undefined;
    engine.images = [];
    const listImages = engine.listImages.bind(engine);
    let lists = 0;
    engine.listImages = async (label) => {
      await listImages(label);
      return lists++ === 0 ? [] : [{ id: 'sha256:m', tags: ['mirror/toolbox:1'], created: 1 }];
    };
    await expect(ensure({ registryImage: 'mirror/toolbox:1' })).resolves.toEqual({
      image: 'bosun/toolbox:1',
      how: 'pulled',
    });
    expect(engine.calls).toContain('tag mirror/toolbox:1 bosun/toolbox:1');
    expect(engine.contexts).toEqual([]);
  });

  it('builds from the local recipe when the pull fails, and says so step by step', async () => {
    await expect(ensure({ tag: 'test/toolbox:x', labels: { 'io.bosun.test': '1' } })).resolves.toEqual({
      image: 'test/toolbox:x',
      how: 'built',
    });
    expect(engine.calls.at(-1)).toBe(
      `build test/toolbox:x {"io.bosun.test":"1","io.bosun.toolbox.recipe":"1","io.bosun.toolbox.source":"recipe:${busybox}"}`,
    );
    expect(engine.contexts[0]).toContain('FROM scratch\nADD rootfs.tar /\n');
    expect(engine.contexts[0]).toContain('pretend static busybox');
    expect(progress).toEqual([
      'Looking for the Bosun toolbox image…',
      'Pulling busybox:1.36-musl…',
      'a1b2: Downloading 50%',
      'Could not pull busybox:1.36-musl: Pulling busybox:1.36-musl failed: no such host.',
      'Building the toolbox from the local recipe…',
      `Packing ${busybox} with ${APPLETS.length} applets…`,
      'Step 1/4 : FROM scratch',
      'The toolbox image test/toolbox:x is ready.',
    ]);
  });

  it('says what to do when neither a registry nor a static busybox is there', async () => {
    elves.clear();
    const error: unknown = await ensure().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    const { message } = error as AppError;
    expect(message).toMatch(
      /^No toolbox image: no registry reachable \(.*no such host\) and no static busybox/,
    );
    expect(message).toContain('Install busybox-static');
    expect(message).toContain('load a toolbox image labelled io.bosun.toolbox=1');
    elves.set(busybox, amd64(false));
    await expect(ensure()).rejects.toThrow(`${busybox} is dynamically linked`);
    expect(engine.contexts).toEqual([]);
  });

  it('refuses a busybox built for another machine than the engine', async () => {
    engine.arch = 'arm64';
    await expect(ensure()).rejects.toThrow(
      `this machine's busybox (${busybox}) is built for amd64 while the engine runs arm64 containers`,
    );
    expect(engine.contexts).toEqual([]);
  });

  it('does not fall back to the recipe when the pull was cancelled', async () => {
    engine.pullError = new AppError('CANCELLED', 'The pull call was cancelled.');
    await expect(ensure()).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(engine.contexts).toEqual([]);
  });

  it('shares one search and build among concurrent callers, each hearing the progress', async () => {
    let open!: () => void;
    engine.pullGate = new Promise((resolve) => (open = resolve));
    const heard: string[] = [];
    const first = ensure();
    const second = ensureToolboxImage(engine, { onProgress: (m) => heard.push(m), busyboxPath: busybox });
    open();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(b);
    expect(engine.calls.filter((c) => c.startsWith('pull'))).toHaveLength(1);
    expect(heard).toContain('Building the toolbox from the local recipe…');
    // Once settled, a new call looks again.
    engine.images = [{ id: 'sha256:b', tags: ['bosun/toolbox:1'], created: 1 }];
    await expect(ensure()).resolves.toMatchObject({ how: 'present' });
  });

  it('goes on for the callers that stay when one cancels, and stops when all have', async () => {
    let open!: () => void;
    engine.pullGate = new Promise((resolve) => (open = resolve));
    const quitter = new AbortController();
    const quitting = ensure({ signal: quitter.signal });
    const staying = ensure();
    quitter.abort();
    await expect(quitting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(engine.signals[0]?.aborted).toBe(false);
    open();
    await expect(staying).resolves.toMatchObject({ how: 'built' });

    engine.pullGate = new Promise(() => undefined);
    const one = new AbortController();
    const two = new AbortController();
    const calls = [ensure({ signal: one.signal }), ensure({ signal: two.signal })];
    one.abort();
    two.abort();
    await expect(Promise.all(calls)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(engine.signals.at(-1)?.aborted).toBe(true);
  });
});

describe('findStaticBusybox', () => {
  it('takes the first static candidate and says why the others were not', async () => {
    elves.set('/x/dynamic', amd64(false));
    elves.set('/x/static', { bits: 64, littleEndian: true, machine: 183, isStatic: true });
    await expect(findStaticBusybox(undefined, ['/x/missing', '/x/dynamic', '/x/static'])).resolves.toEqual({
      path: '/x/static',
      arch: 'arm64',
    });
    await expect(findStaticBusybox(undefined, ['/x/missing', '/x/dynamic'])).resolves.toEqual({
      problem: 'no /x/missing; /x/dynamic is dynamically linked',
    });
  });
});
