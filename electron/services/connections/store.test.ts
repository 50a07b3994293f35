import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { ConnectionStore, type StoredConnection } from './store';

let dir: string;

const box: StoredConnection = { id: 'box', name: 'Box', endpoint: 'tcp://127.0.0.1:2375' };
const tlsBox: StoredConnection = {
  id: 'tls-box',
  name: 'TLS box',
  endpoint: 'tcp://127.0.0.1:2376',
  tls: { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' },
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-store-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ConnectionStore', () => {
  it('starts empty when there is no file', async () => {
    expect(await new ConnectionStore(join(dir, 'not-yet')).load()).toEqual({ entries: [] });
  });

  it('saves and loads, with mode 0600, leaving no temp files behind', async () => {
    const store = new ConnectionStore(join(dir, 'data'));
    await store.save([box, tlsBox]);
    expect(await new ConnectionStore(join(dir, 'data')).load()).toEqual({ entries: [box, tlsBox] });
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'data'))).toEqual(['connections.json']);
  });

  it('keeps ssh:// connections with their identity file (no secrets)', async () => {
    const remote: StoredConnection = {
      id: 'remote',
      name: 'Remote',
      endpoint: 'ssh://me@build-box:2222',
      ssh: { identityFile: '/home/me/.ssh/id_ed25519' },
    };
    const store = new ConnectionStore(dir);
    await store.save([remote]);
    expect((await store.load()).entries).toEqual([remote]);
  });

  it('serializes concurrent saves: the last one wins whole', async () => {
    const store = new ConnectionStore(dir);
    await Promise.all([store.save([box]), store.save([tlsBox]), store.save([box, tlsBox])]);
    expect((await store.load()).entries).toEqual([box, tlsBox]);
    expect(JSON.parse(await readFile(store.path, 'utf8'))).toEqual({
      version: 1,
      connections: [box, tlsBox],
    });
  });

  it('reports a failed write as UNAVAILABLE and cleans up its temp file', async () => {
    const store = new ConnectionStore(dir);
    // A non-empty directory where the file should be: the final rename fails, even for root.
    await mkdir(join(store.path, 'occupied'), { recursive: true });
    const failed = await store.save([box]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('UNAVAILABLE');
    expect((failed as AppError).message).toContain(store.path);
    expect((await readdir(dir)).sort()).toEqual(['connections.json']);
  });

  it('gives entries that share an id (a hand-edited file) unique ids, and says so', async () => {
    const store = new ConnectionStore(dir);
    const twin = { ...box, name: 'Box again', endpoint: 'tcp://127.0.0.1:2377' };
    const third = { ...box, id: 'box-2', name: 'Box two', endpoint: 'tcp://127.0.0.1:2378' };
    await writeFile(store.path, JSON.stringify({ version: 1, connections: [box, twin, third] }));
    const result = await store.load();
    expect(result.entries.map((entry) => [entry.id, entry.name])).toEqual([
      ['box', 'Box'],
      ['box-3', 'Box again'],
      ['box-2', 'Box two'],
    ]);
    expect(result.problem).toContain('"Box again" (box → box-3)');
  });

  it.each([
    ['not JSON', '{ "version": 1, '],
    ['a wrong shape', JSON.stringify({ version: 1, connections: [{ id: 'x' }] })],
    [
      'an endpoint that does not parse',
      JSON.stringify({ version: 1, connections: [{ ...box, endpoint: 'tcp://x:99999' }] }),
    ],
    [
      'an ssh endpoint with a path',
      JSON.stringify({ version: 1, connections: [{ ...box, endpoint: 'ssh://me@host/var/run' }] }),
    ],
    ['an unknown version', JSON.stringify({ version: 2, connections: [] })],
  ])('keeps a corrupt file (%s) aside and reports it', async (_what, content) => {
    const store = new ConnectionStore(dir, () => 1234);
    await writeFile(store.path, content);
    const result = await store.load();
    expect(result.entries).toEqual([]);
    expect(result.problem).toContain(`${store.path}.corrupt-1234`);
    expect(await readFile(`${store.path}.corrupt-1234`, 'utf8')).toBe(content);
    expect(await readdir(dir)).toEqual(['connections.json.corrupt-1234']);
    await store.save([box]);
    expect((await store.load()).entries).toEqual([box]);
  });
});
