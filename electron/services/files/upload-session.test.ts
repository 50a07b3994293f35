import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeFiles } from '../testing/fake-files';
import { UploadSession, type UploadSpec } from './upload-session';

const MiB = 2 ** 20;
const ID = 'c0ffee';

function bytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

function session(files: FakeFiles, specs: UploadSpec[], onEnd = vi.fn(), more = {}) {
  const upload = new UploadSession(
    'transfer',
    'client',
    specs,
    { files, containerId: ID, dir: '/tmp', owner: { uid: 33, gid: 33 } },
    { idleMs: 60_000, drainMs: 5_000, onEnd, ...more },
  );
  return { upload, onEnd };
}

/** Sends a file the way the renderer does: chunks of at most 1 MiB, each write awaited. */
async function send(upload: UploadSession, index: number, content: Uint8Array, chunk = MiB) {
  let last;
  if (content.byteLength === 0) return upload.write(index, content);
  for (let at = 0; at < content.byteLength; at += chunk) {
    last = await upload.write(index, content.slice(at, at + chunk));
    if (last.result) return last;
  }
  return last!;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('UploadSession', () => {
  it('streams each file in chunks into its own tar, with its result once its last byte is in', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    const big = bytes(3 * MiB + 123);
    const { upload, onEnd } = session(files, [
      { name: 'big.bin', size: big.byteLength, replace: false },
      { name: 'empty', size: 0, replace: false },
      { name: 'notes.txt', size: 5, replace: false },
    ]);
    const first = await upload.write(0, big.slice(0, MiB));
    expect(first).toEqual({ received: MiB });
    expect(await send(upload, 0, big.slice(MiB), MiB)).toEqual({
      received: big.byteLength,
      result: { name: 'big.bin', ok: true, message: 'written to /tmp/big.bin' },
    });
    expect((await upload.write(1, new Uint8Array())).result).toMatchObject({ name: 'empty', ok: true });
    expect(onEnd).not.toHaveBeenCalled();
    expect((await upload.write(2, new TextEncoder().encode('hello'))).result).toMatchObject({ ok: true });
    expect(onEnd).toHaveBeenCalledOnce();

    const written = files.nodes.get('/tmp/big.bin');
    expect(written?.kind === 'file' && Buffer.from(written.content).equals(Buffer.from(big))).toBe(true);
    expect(files.nodes.get('/tmp/empty')).toMatchObject({ kind: 'file', content: new Uint8Array() });
    expect(files.archives.map((a) => a.names)).toEqual([['big.bin'], ['empty'], ['notes.txt']]);
  });

  it('gives files the owner of the folder, mode 0644', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    let headers: unknown[] = [];
    const put = files.putArchive.bind(files);
    files.putArchive = async (id, dir, tar: Readable) => {
      const { extract } = await import('tar-stream');
      const ex = extract();
      tar.pipe(ex);
      headers = [];
      for await (const entry of ex) {
        headers.push(entry.header);
        entry.resume();
      }
      return put(id, dir, (await import('node:stream')).Readable.from([]));
    };
    const { upload } = session(files, [{ name: 'a', size: 1, replace: true }]);
    await upload.write(0, new Uint8Array([7]));
    expect(headers).toEqual([expect.objectContaining({ name: 'a', uid: 33, gid: 33, mode: 0o644, size: 1 })]);
  });

  it('answers a write only once the engine took its bytes: memory stays bounded on a slow engine', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    let consumed = 0;
    files.putArchive = async (_id, _dir, tar: Readable) => {
      for await (const chunk of tar as AsyncIterable<Buffer>) {
        consumed += chunk.length;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const content = bytes(8 * MiB);
    const { upload } = session(files, [{ name: 'x', size: content.byteLength, replace: true }]);
    let sent = 0;
    let worst = 0;
    for (let at = 0; at < content.byteLength; at += MiB) {
      await upload.write(0, content.slice(at, at + MiB));
      sent += MiB;
      worst = Math.max(worst, sent - consumed);
    }
    // At most the chunk just written plus what the streams buffer: never the whole file.
    expect(worst).toBeLessThanOrEqual(MiB + 64 * 1024);
    expect(consumed).toBeGreaterThanOrEqual(content.byteLength);
  });

  it('refuses files out of order, bytes beyond the announced size, and a second write at once', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    const { upload } = session(files, [
      { name: 'a', size: 4, replace: true },
      { name: 'b', size: 1, replace: true },
    ]);
    await expect(upload.write(1, new Uint8Array(1))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('file 0 (a) comes next'),
    });
    await expect(upload.write(0, new Uint8Array(5))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(upload.write(2, new Uint8Array(1))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const first = upload.write(0, new Uint8Array(2));
    await expect(upload.write(0, new Uint8Array(1))).rejects.toMatchObject({ code: 'CONFLICT' });
    await first;
    expect((await upload.write(0, new Uint8Array(2))).result).toMatchObject({ ok: true });
  });

  it('does not replace an existing file unless asked: that file fails with CONFLICT, the others go on', async () => {
    const files = new FakeFiles(ID).dir('/tmp').file('/tmp/a', 'old');
    const { upload } = session(files, [
      { name: 'a', size: 3, replace: false },
      { name: 'b', size: 3, replace: false },
    ]);
    const a = await upload.write(0, new TextEncoder().encode('new'));
    expect(a.result).toMatchObject({ name: 'a', ok: false, code: 'CONFLICT' });
    expect(a.result?.message).toMatch(/already exists in \/tmp/);
    expect(new TextDecoder().decode((files.nodes.get('/tmp/a') as { content: Uint8Array }).content)).toBe(
      'old',
    );
    expect((await upload.write(1, new TextEncoder().encode('bbb'))).result).toMatchObject({ ok: true });
  });

  it('fails the rest at once when the folder cannot be written (read-only), with the reason', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    files.putError = new AppError(
      'PERMISSION_DENIED',
      '/tmp in c0ffee is read-only: container rootfs is marked read-only.',
    );
    const { upload, onEnd } = session(files, [
      { name: 'a', size: 2 * MiB, replace: true },
      { name: 'b', size: 1, replace: true },
    ]);
    let answer = await upload.write(0, bytes(MiB));
    if (!answer.result) answer = await upload.write(0, bytes(MiB));
    expect(answer.result).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/read-only/),
    });
    expect((await upload.write(1, new Uint8Array(1))).result).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/^Not sent: .*read-only/),
    });
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('cancel stops the file being sent and the ones after it', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    let aborted = false;
    files.putArchive = (_id, _dir, tar: Readable, signal?: AbortSignal) =>
      new Promise((_, reject) => {
        tar.resume();
        signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new AppError('CANCELLED', 'cancelled'));
        });
      });
    const { upload, onEnd } = session(files, [
      { name: 'a', size: 10, replace: true },
      { name: 'b', size: 1, replace: true },
    ]);
    expect(await upload.write(0, new Uint8Array(4))).toEqual({ received: 4 });
    upload.cancel();
    expect(aborted).toBe(true);
    expect(onEnd).toHaveBeenCalledOnce();
    expect((await upload.write(0, new Uint8Array(1))).result).toMatchObject({ ok: false, code: 'CANCELLED' });
    expect((await upload.write(1, new Uint8Array(1))).result).toMatchObject({ ok: false, code: 'CANCELLED' });
  });

  it('stops an upload nobody writes to', async () => {
    vi.useFakeTimers();
    const files = new FakeFiles(ID).dir('/tmp');
    const { upload, onEnd } = session(files, [{ name: 'a', size: 10, replace: true }], vi.fn(), {
      idleMs: 1_000,
    });
    vi.advanceTimersByTime(999);
    expect(onEnd).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(onEnd).toHaveBeenCalledOnce();
    vi.useRealTimers();
    expect((await upload.write(0, new Uint8Array(1))).result).toMatchObject({ ok: false, code: 'TIMEOUT' });
  });

  it('fails a file with TIMEOUT when the engine stops taking bytes', async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    // An engine that accepted the request and then never reads the body.
    files.putArchive = () => new Promise(() => undefined);
    const { upload } = session(files, [{ name: 'a', size: 4 * MiB, replace: true }], vi.fn(), {
      drainMs: 50,
    });
    let answer = await upload.write(0, bytes(MiB));
    for (let i = 0; i < 3 && !answer.result; i++) answer = await upload.write(0, bytes(MiB));
    expect(answer.result).toMatchObject({ ok: false, code: 'TIMEOUT' });
  });
});
