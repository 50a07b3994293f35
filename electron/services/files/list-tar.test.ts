import { PassThrough, Readable } from 'node:stream';
import { pack as tarPack, type Header } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { listTar, type ListBudget } from './list-tar';

const MTIME = new Date(Date.UTC(2024, 4, 5, 6, 7, 8));
const WIDE: ListBudget = { bytes: 2 ** 30, entries: 1_000_000, ms: 10_000 };

type Spec = Partial<Header> & { name: string; body?: Buffer };

async function tarOf(specs: readonly Spec[]): Promise<Buffer> {
  const pack = tarPack();
  for (const { body, ...header } of specs) {
    pack.entry(
      { mode: 0o644, uid: 0, gid: 0, mtime: MTIME, uname: 'root', gname: 'root', ...header },
      body ?? '',
    );
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A tar as the engine streams it: in small chunks, like a socket. */
function streamOf(bytes: Buffer, chunk = 16 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  return Readable.from(parts);
}

describe('listTar', () => {
  it('collects the direct children with their type, size, mode, owner and time, skipping bodies', async () => {
    const tar = await tarOf([
      { name: './', type: 'directory', mode: 0o755 },
      { name: './a.txt', body: Buffer.from('hello') },
      { name: './bin', type: 'symlink', linkname: 'usr/bin', mode: 0o777 },
      { name: './etc/', type: 'directory', mode: 0o755, uid: 1000, gid: 1001, uname: 'app', gname: 'staff' },
      { name: './etc/passwd', body: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
      { name: './etc/ssl/certs/ca.pem', body: Buffer.alloc(3000) },
      { name: './hard', type: 'link', linkname: './a.txt' },
      { name: './null', type: 'character-device', mode: 0o666, devmajor: 1, devminor: 3 },
      { name: './su', mode: 0o4755, body: Buffer.from('\x7fELF') },
      { name: './tmp/', type: 'directory', mode: 0o1777 },
      { name: './fifo', type: 'fifo', mode: 0o600 },
    ]);
    const listing = await listTar(streamOf(tar), WIDE);
    expect(listing.stoppedBy).toBeUndefined();
    expect(listing.read.entries).toBe(11);
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    expect(Object.keys(byName)).toEqual(['a.txt', 'bin', 'etc', 'hard', 'null', 'su', 'tmp', 'fifo']);
    expect(byName['a.txt']).toEqual({
      name: 'a.txt',
      type: 'file',
      size: 5,
      mode: '-rw-r--r--',
      mtime: MTIME.getTime(),
      uid: 0,
      gid: 0,
      user: 'root',
      group: 'root',
    });
    expect(byName['bin']).toMatchObject({ type: 'symlink', linkTarget: 'usr/bin', mode: 'lrwxrwxrwx' });
    expect(byName['etc']).toMatchObject({
      type: 'dir',
      size: null,
      mode: 'drwxr-xr-x',
      uid: 1000,
      gid: 1001,
      user: 'app',
      group: 'staff',
    });
    // A hard link's own header says size 0: the size of the file it shares is reported.
    expect(byName['hard']).toMatchObject({ type: 'file', size: 5 });
    expect(byName['null']).toMatchObject({ type: 'other', mode: 'crw-rw-rw-' });
    expect(byName['su']).toMatchObject({ mode: '-rwsr-xr-x' });
    expect(byName['tmp']).toMatchObject({ mode: 'drwxrwxrwt' });
    expect(byName['fifo']).toMatchObject({ type: 'other', mode: 'prw-------' });
  });

  it('knows a folder from the entries below it when its own entry is missing', async () => {
    const tar = await tarOf([
      { name: './', type: 'directory' },
      { name: './deep/er/still/x', body: Buffer.from('x') },
      { name: './deep/y' },
      { name: './z' },
    ]);
    const listing = await listTar(streamOf(tar), WIDE);
    expect(listing.entries).toEqual([
      { name: 'deep', type: 'dir', size: null, mode: '', mtime: null, uid: null, gid: null },
      expect.objectContaining({ name: 'z', type: 'file' }),
    ]);
  });

  it('reads names the way the engine writes them for "/" and for a named folder', async () => {
    const root = await tarOf([
      { name: '/', type: 'directory' },
      { name: '/.dockerenv' },
      { name: '/boot/', type: 'directory' },
    ]);
    expect((await listTar(streamOf(root), WIDE)).entries.map((e) => e.name)).toEqual(['.dockerenv', 'boot']);
  });

  it('stops after the entry budget and says so, with what it found', async () => {
    const specs: Spec[] = [{ name: './', type: 'directory' }];
    for (let i = 0; i < 50; i++) specs.push({ name: `./f${String(i).padStart(2, '0')}` });
    const tar = streamOf(await tarOf(specs));
    const listing = await listTar(tar, { ...WIDE, entries: 11 });
    expect(listing.stoppedBy).toBe('entries');
    expect(listing.entries.map((e) => e.name)).toEqual(Array.from({ length: 10 }, (_, i) => `f0${i}`));
    expect(tar.destroyed).toBe(true);
  });

  it('stops after the byte budget: a big file in the way ends the listing early', async () => {
    const tar = streamOf(
      await tarOf([
        { name: './', type: 'directory' },
        { name: './a' },
        { name: './big', body: Buffer.alloc(4 * 2 ** 20) },
        { name: './z' },
      ]),
    );
    const listing = await listTar(tar, { ...WIDE, bytes: 2 ** 20 });
    expect(listing.stoppedBy).toBe('bytes');
    expect(listing.entries.map((e) => e.name)).toEqual(['a', 'big']);
    expect(listing.read.bytes).toBeLessThan(2 * 2 ** 20);
  });

  it('stops after the time budget when the engine is slow, returning what came', async () => {
    const bytes = await tarOf([{ name: './', type: 'directory' }, { name: './first' }, { name: './second' }]);
    const slow = new PassThrough();
    // Only the first two headers arrive; the engine then goes quiet.
    slow.write(bytes.subarray(0, 1024));
    const started = Date.now();
    const listing = await listTar(slow, { ...WIDE, ms: 100 });
    expect(listing.stoppedBy).toBe('time');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(listing.entries.map((e) => e.name)).toEqual(['first']);
    expect(slow.destroyed).toBe(true);
  });

  it('rejects with the stream error when the connection breaks mid-way', async () => {
    const bytes = await tarOf([
      { name: './', type: 'directory' },
      { name: './a', body: Buffer.alloc(8192) },
    ]);
    const broken = new PassThrough();
    broken.write(bytes.subarray(0, 1024));
    setTimeout(() => broken.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 10);
    await expect(listTar(broken, WIDE)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects a truncated tar rather than calling it complete', async () => {
    const bytes = await tarOf([
      { name: './', type: 'directory' },
      { name: './a', body: Buffer.alloc(8192) },
    ]);
    await expect(listTar(streamOf(bytes.subarray(0, 2048)), WIDE)).rejects.toThrow();
  });
});
