import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { extract as tarExtract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDownload, uploadFiles, type UploadSource } from '../../shared/files/transfer-client';
import {
  createTestContainer,
  removeTestContainers,
  runTestContainer,
  startIntCore,
  type IntCore,
} from '../testing/int-core';

let t: IntCore;
let connectionId: string;
const created: string[] = [];
let busybox: string;
let exited: string;
let noshell: string;
let noshellStopped: string;
let readOnly: string;

/** A path's tar straight from the engine, as name → bytes: the reference Bosun is held against. */
function rawArchive(id: string, path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: t.engine.socketPath, path: `/containers/${id}/archive?path=${encodeURIComponent(path)}` },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`archive ${path}: HTTP ${res.statusCode}`));
        const files = new Map<string, Buffer>();
        const extract = tarExtract();
        extract.on('entry', (header, stream, next) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
          stream.on('end', () => {
            files.set(header.name, Buffer.concat(chunks));
            next();
          });
        });
        extract.on('finish', () => resolve(files));
        extract.on('error', reject);
        res.pipe(extract);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function download(containerId: string, path: string) {
  const chunks: Uint8Array[] = [];
  const handle = await startDownload(
    t.client,
    { connectionId, containerId, path },
    {
      write: (bytes) => void chunks.push(bytes),
    },
  );
  const end = await handle.done;
  return { info: handle.info, end, bytes: Buffer.concat(chunks) };
}

function source(name: string, content: Uint8Array, replace = false): UploadSource {
  return {
    name,
    size: content.byteLength,
    replace,
    read: async (start, end) => content.slice(start, end),
  };
}

const list = (containerId: string, path: string) =>
  t.client.call('files.list', { connectionId, containerId, path });
const names = (listing: { entries: { name: string }[] }) => listing.entries.map((e) => e.name);

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  const { images } = t.env;
  busybox = await runTestContainer(t.engine, { image: images.busybox, cmd: ['sleep', '3600'] });
  exited = await runTestContainer(t.engine, {
    image: images.busybox,
    cmd: [
      'sh',
      '-c',
      'mkdir -p /srv/out && echo made-by-the-container > /srv/out/report.txt && rm /etc/nsswitch.conf; true',
    ],
  });
  noshell = await runTestContainer(t.engine, { image: images.noshell });
  noshellStopped = await createTestContainer(t.engine, images.noshell);
  readOnly = await runTestContainer(t.engine, {
    image: images.busybox,
    cmd: ['sleep', '3600'],
    hostConfig: { ReadonlyRootfs: true },
  });
  created.push(busybox, exited, noshell, noshellStopped, readOnly);
  // Blocks until it exited: its changes are then complete.
  await t.engine.json('POST', `/containers/${exited}/wait`);
}, 60_000);

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('files.list on the real engine', () => {
  it('lists /etc of busybox running and stopped, and of an image without a shell, running and never started', async () => {
    for (const id of [busybox, exited, noshell, noshellStopped]) {
      const listing = await list(id, '/etc');
      const reference = [...(await rawArchive(id, '/etc/.')).keys()]
        .map((name) => name.replace(/^\.\//, '').replace(/\/$/, ''))
        .filter((name) => name && !name.includes('/'));
      expect(listing.complete).toBe(true);
      expect(names(listing).sort()).toEqual(reference.sort());
      expect(names(listing)).toEqual(expect.arrayContaining(['hostname', 'hosts']));
    }
    const hosts = (await list(busybox, '/etc')).entries.find((e) => e.name === 'hosts');
    expect(hosts).toMatchObject({ type: 'file', mode: '-rw-r--r--', uid: 0, gid: 0 });
    expect(hosts?.size).toBeGreaterThan(0);
  });

  it('lists / of an image, the noshell one too, and follows a symlinked folder', async () => {
    const root = await list(noshell, '/');
    expect(root.complete).toBe(true);
    expect(names(root)).toEqual(expect.arrayContaining(['etc', 'httpd']));
    expect(root.entries.find((e) => e.name === 'etc')).toMatchObject({ type: 'dir', mode: 'drwxr-xr-x' });

    const debian = await runTestContainer(t.engine, { image: t.env.images.debianNginx });
    created.push(debian);
    const started = performance.now();
    const debianRoot = await list(debian, '/');
    const ms = performance.now() - started;
    console.log(
      `files.list / of debian-nginx: ${Math.round(ms)} ms, ${debianRoot.entries.length} entries, complete=${debianRoot.complete}`,
    );
    expect(names(debianRoot)).toEqual(expect.arrayContaining(['bin', 'etc', 'usr', 'var']));
    expect(debianRoot.entries.find((e) => e.name === 'bin')).toMatchObject({
      type: 'symlink',
      linkTarget: 'usr/bin',
    });
    const bin = await list(debian, '/bin');
    expect(bin).toMatchObject({ path: '/bin', target: '/usr/bin', complete: true });
    expect(names(bin)).toEqual(expect.arrayContaining(['bash', 'less']));
  });

  it('says what is wrong with a missing path, a file and a removed container', async () => {
    await expect(list(busybox, '/no/such/dir')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('/no/such/dir does not exist in container'),
    });
    await expect(list(busybox, '/etc/passwd')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('is a file, not a folder'),
    });
    await expect(list('f'.repeat(64), '/')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { what: 'container' },
    });
  });

  it('describes one path without reading it: a file, a link and where it ends', async () => {
    const stat = await t.client.call('files.stat', { connectionId, containerId: noshell, path: '/httpd' });
    expect(stat).toMatchObject({ type: 'file', name: 'httpd' });
    const link = await t.client.call('files.stat', { connectionId, containerId: exited, path: '/bin/sh' });
    expect(link).toMatchObject({ type: 'symlink', targetType: 'file' });
  });
});

describe('downloads on the real engine', () => {
  it('downloads a file as its own bytes, equal to what the engine holds', async () => {
    const { info, end, bytes } = await download(busybox, '/bin/busybox');
    const reference = (await rawArchive(busybox, '/bin/busybox')).get('busybox')!;
    expect(info).toMatchObject({ kind: 'file', name: 'busybox', total: reference.length });
    expect(end).toMatchObject({ reason: 'complete', bytes: reference.length });
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      createHash('sha256').update(reference).digest('hex'),
    );
    // A link is followed to the file it names.
    const viaLink = await download(exited, '/bin/sh');
    expect(viaLink.info).toMatchObject({ kind: 'file', path: '/bin/busybox' });
    expect(viaLink.bytes.equals(reference)).toBe(true);
  });

  it('downloads a folder as a tar of it', async () => {
    const { info, end, bytes } = await download(exited, '/etc');
    expect(info).toMatchObject({ kind: 'folder', name: 'etc.tar', total: null });
    expect(end.reason).toBe('complete');
    const got = new Map<string, Buffer>();
    const extract = tarExtract();
    extract.end(bytes);
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      got.set(entry.header.name, Buffer.concat(chunks));
    }
    expect([...got.keys()]).toEqual(expect.arrayContaining(['etc/', 'etc/passwd', 'etc/group']));
    expect(got.get('etc/passwd')?.toString()).toMatch(/^root:x:0:0:/);
  });

  it('lets go of the engine on cancel: the container can be removed right after', async () => {
    // The engine will not remove a container while a copy from it is open.
    const victim = await runTestContainer(t.engine, {
      image: t.env.images.busybox,
      cmd: ['sh', '-c', 'head -c 67108864 /dev/zero > /tmp/big && touch /tmp/ready && sleep 3600'],
    });
    created.push(victim);
    const stat = (path: string) =>
      t.client.call('files.stat', { connectionId, containerId: victim, path }).catch(() => undefined);
    await expect.poll(() => stat('/tmp/ready'), { timeout: 20_000 }).toBeDefined();
    // A sink that never finishes its first write: the core pauses, holding the stream open.
    let first = false;
    const handle = await startDownload(
      t.client,
      { connectionId, containerId: victim, path: '/tmp/big' },
      {
        write: () => {
          if (first) return;
          first = true;
          return new Promise<void>(() => undefined);
        },
      },
    );
    await expect.poll(() => first).toBe(true);
    await handle.cancel();
    const started = performance.now();
    const removed = await t.engine.json('DELETE', `/containers/${victim}?force=1`);
    expect(removed.status).toBe(204);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(t.core.transfers.counts.downloads).toBe(0);
  });
});

describe('uploads on the real engine', () => {
  it('uploads two files into /tmp, readable through the archive API, owned like the folder', async () => {
    const big = Buffer.alloc(5 * 2 ** 20 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 131) & 0xff;
    const results = await uploadFiles(t.client, { connectionId, containerId: busybox, dir: '/tmp' }, [
      source('notes 中文.txt', new TextEncoder().encode('hello from bosun\n')),
      source('big.bin', big),
    ]);
    expect(results).toEqual([
      { name: 'notes 中文.txt', ok: true, message: 'written to /tmp/notes 中文.txt' },
      { name: 'big.bin', ok: true, message: 'written to /tmp/big.bin' },
    ]);
    expect((await rawArchive(busybox, '/tmp/notes 中文.txt')).get('notes 中文.txt')?.toString()).toBe(
      'hello from bosun\n',
    );
    expect((await rawArchive(busybox, '/tmp/big.bin')).get('big.bin')?.equals(big)).toBe(true);
    const listed = (await list(busybox, '/tmp')).entries.find((e) => e.name === 'big.bin');
    expect(listed).toMatchObject({ size: big.length, mode: '-rw-r--r--', uid: 0 });
  });

  it('does not replace a file unless asked, and works on a stopped container', async () => {
    const first = await uploadFiles(t.client, { connectionId, containerId: exited, dir: '/srv/out' }, [
      source('report.txt', new TextEncoder().encode('replaced')),
    ]);
    expect(first[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await rawArchive(exited, '/srv/out/report.txt')).get('report.txt')?.toString()).toBe(
      'made-by-the-container\n',
    );
    const second = await uploadFiles(t.client, { connectionId, containerId: exited, dir: '/srv/out' }, [
      source('report.txt', new TextEncoder().encode('replaced'), true),
    ]);
    expect(second[0]).toMatchObject({ ok: true });
    expect((await rawArchive(exited, '/srv/out/report.txt')).get('report.txt')?.toString()).toBe('replaced');
  });

  it('says a read-only root filesystem is read-only, for every file', async () => {
    const results = await uploadFiles(t.client, { connectionId, containerId: readOnly, dir: '/tmp' }, [
      source('a', new Uint8Array(3 * 2 ** 20)),
      source('b', new Uint8Array(1)),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        ok: false,
        code: 'PERMISSION_DENIED',
        message: expect.stringMatching(/is read-only/),
      }),
      expect.objectContaining({
        ok: false,
        code: 'PERMISSION_DENIED',
        message: expect.stringMatching(/^Not sent: /),
      }),
    ]);
    expect(t.core.transfers.counts).toEqual({ downloads: 0, uploads: 0 });
  });
});

describe('files.changes on the real engine', () => {
  it('lists what a container added, modified and deleted against its image', async () => {
    const { changes, total } = await t.client.call('files.changes', { connectionId, containerId: exited });
    expect(total).toBe(changes.length);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: '/srv/out/report.txt', kind: 'added' },
        { path: '/etc/nsswitch.conf', kind: 'deleted' },
        { path: '/etc', kind: 'modified' },
      ]),
    );
    expect(changes.map((c) => c.path)).toEqual([...changes.map((c) => c.path)].sort());
    expect(
      (await t.client.call('files.changes', { connectionId, containerId: noshellStopped })).changes,
    ).toEqual([]);
  });
});
