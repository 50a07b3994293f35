import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import { failure } from '../containers/engine-errors';
import { connectionsHarness, rejection, type ConnectionsHarness } from '../testing/connections-harness';
import { FakeEngine } from '../testing/fake-engine';
import { makeTestCerts } from '../testing/test-certs';
import type { ConnectionsServiceOptions } from './connections-service';
import type { ConnectionSpec } from './spec';

let h: ConnectionsHarness | undefined;

async function setup(
  vars: Record<string, string> = {},
  engineFor?: (spec: ConnectionSpec) => ContainerEngine,
  extra: Partial<ConnectionsServiceOptions> = {},
) {
  h = await connectionsHarness(vars, engineFor, extra);
  return { ...h, platform: h.test.platform };
}

afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('ConnectionsService', () => {
  it('lists discovered engines and connects them in the background', async () => {
    const { service } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    const [first] = await service.list();
    expect(first).toMatchObject({ id: 'docker-host', current: true, kind: 'docker', tls: false });
    await service.get('docker-host')!.ready();
    expect((await service.list())[0]?.status).toMatchObject({ state: 'connected' });
  });

  it('adds a connection, persists it, and it survives a restart', async () => {
    const { service, make, platform, changed } = await setup();
    const added = await service.add({ name: 'Build Box', endpoint: ' tcp://127.0.0.1:2375/ ' });
    expect(added).toMatchObject({
      id: 'build-box',
      endpoint: 'tcp://127.0.0.1:2375',
      source: 'user',
      status: { state: 'connected' },
    });
    expect(changed.flat()).toContain('build-box');
    const file = JSON.parse(await readFile(join(platform.dataDir, 'connections.json'), 'utf8'));
    expect(file.connections).toEqual([
      { id: 'build-box', name: 'Build Box', endpoint: 'tcp://127.0.0.1:2375' },
    ]);
    await service.dispose();
    const again = make();
    expect((await again.list()).map((c) => c.id)).toEqual(['build-box']);
    await again.dispose();
  });

  it('saves a connection whose engine is unreachable, with the reason in its status', async () => {
    const broken = new FakeEngine();
    broken.versionError = failure(
      'UNAVAILABLE',
      'The Docker socket /nope.sock does not exist.',
      'Is the engine running?',
    );
    const { service } = await setup({}, () => broken);
    const added = await service.add({ name: 'gone', endpoint: 'unix:///nope.sock' });
    expect(added.status).toMatchObject({
      state: 'unavailable',
      reason: 'The Docker socket /nope.sock does not exist.',
    });
    expect((await service.list()).map((c) => c.id)).toEqual(['gone']);
  });

  it('gives names with the same slug distinct ids', async () => {
    const { service } = await setup();
    await service.add({ name: 'Box', endpoint: 'tcp://127.0.0.1:2375' });
    const second = await service.add({ name: 'box!', endpoint: 'tcp://127.0.0.1:2376' });
    expect(second.id).toBe('box-2');
  });

  it('refuses malformed endpoints, ssh, TLS on sockets and unreadable TLS files, saving nothing', async () => {
    const { service, platform } = await setup();
    expect((await rejection(service.add({ name: 'x', endpoint: 'tcp://host:70000' }))).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect((await rejection(service.add({ name: 'x', endpoint: 'ssh://me@host' }))).message).toContain(
      'SSH engines are not supported',
    );
    const tls = { ca: '/none/ca.pem', cert: '/none/cert.pem', key: '/none/key.pem' };
    expect((await rejection(service.add({ name: 'x', endpoint: 'unix:///x.sock', tls }))).message).toContain(
      'tcp:// endpoints only',
    );
    const unreadable = await rejection(service.add({ name: 'x', endpoint: 'tcp://127.0.0.1:2376', tls }));
    expect(unreadable).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('/none/ca.pem'),
    });
    const relative = await rejection(
      service.add({ name: 'x', endpoint: 'tcp://127.0.0.1:2376', tls: { ...tls, ca: 'ca.pem' } }),
    );
    expect(relative.message).toContain('not absolute');
    await expect(readFile(join(platform.dataDir, 'connections.json'))).rejects.toThrow();
    expect(await service.list()).toEqual([]);
  });

  it('accepts TLS files that hold a CA, a certificate and its key', async () => {
    const { service, platform } = await setup();
    const dir = join(platform.homeDir, 'certs');
    await mkdir(dir);
    const tls = makeTestCerts(dir).client;
    expect(await service.add({ name: 'secure', endpoint: 'tcp://127.0.0.1:2376', tls })).toMatchObject({
      tls: true,
    });
  });

  it('refuses TLS paths that are a device, a FIFO, a directory, too large or not PEM, quickly and saving nothing', async () => {
    const { service, platform } = await setup();
    const dir = join(platform.homeDir, 'certs');
    await mkdir(dir);
    const good = makeTestCerts(dir).client;
    const fifo = join(dir, 'fifo.pem');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.pem');
    await writeFile(big, Buffer.alloc(300 * 1024, 0x2d));
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, 'PEM');
    const cases = [
      [{ ...good, ca: '/dev/zero' }, 'tls.ca', 'CA certificate /dev/zero'],
      [{ ...good, key: fifo }, 'tls.key', `client key ${fifo}`],
      [{ ...good, cert: dir }, 'tls.cert', `client certificate ${dir}`],
      [{ ...good, ca: big }, 'tls.ca', 'larger than 256 KiB'],
      [{ ...good, cert: garbage }, 'tls.cert', 'is not a PEM certificate'],
      [{ ...good, key: garbage }, 'tls.key', 'is not a PEM private key'],
    ] as const;
    for (const [tls, field, text] of cases) {
      const started = Date.now();
      const error = await rejection(service.add({ name: 'x', endpoint: 'tcp://127.0.0.1:2376', tls }));
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
      expect(error.message).toContain(text);
    }
    expect(await service.list()).toEqual([]);
    await expect(readFile(join(platform.dataDir, 'connections.json'))).rejects.toThrow();
  });

  it('refuses to add an engine that is already listed', async () => {
    const { service } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    const error = await rejection(
      service.add({ name: 'dup', endpoint: 'unix:///run/bosun-test//docker.sock' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('"Local Docker"');
  });

  it('refuses a symlink to a listed socket: the same engine under another name is a CONFLICT naming it', async () => {
    const { service, test } = await setup();
    await writeFile(test.systemPaths.defaultSocket, '');
    await symlink(test.systemPaths.defaultSocket, join(test.root, 'link.sock'));
    expect((await service.list()).map((c) => c.id)).toEqual(['default-socket']);
    const error = await rejection(
      service.add({ name: 'dup', endpoint: `unix://${join(test.root, 'link.sock')}` }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', details: { id: 'default-socket' } });
    expect(error.message).toContain('already listed as "Local Docker" (id default-socket');
  });

  it('removes user-added connections only; a discovered one is a CONFLICT that says where it comes from', async () => {
    const { service, platform } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    await service.add({ name: 'mine', endpoint: 'tcp://127.0.0.1:2375' });
    expect(await service.remove('mine')).toEqual({ id: 'mine' });
    expect((await service.list()).map((c) => c.id)).toEqual(['docker-host']);
    const file = JSON.parse(await readFile(join(platform.dataDir, 'connections.json'), 'utf8'));
    expect(file.connections).toEqual([]);
    const conflict = await rejection(service.remove('docker-host'));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain('DOCKER_HOST environment variable');
    expect((await rejection(service.remove('nope'))).code).toBe('NOT_FOUND');
  });

  it('edits a user-added connection: a new name relabels the live session, a new endpoint reconnects', async () => {
    const { service, platform, engines } = await setup();
    await service.add({ name: 'Box', endpoint: 'tcp://127.0.0.1:2375' });
    expect(engines).toHaveLength(1);
    const session = service.get('box');

    const renamed = await service.update({ id: 'box', name: 'Build box', endpoint: 'tcp://127.0.0.1:2375' });
    expect(renamed).toMatchObject({ id: 'box', name: 'Build box', status: { state: 'connected' } });
    expect(service.get('box')).toBe(session);
    expect(engines).toHaveLength(1);

    const moved = await service.update({ id: 'box', name: 'Build box', endpoint: 'tcp://127.0.0.1:2376' });
    expect(moved).toMatchObject({
      id: 'box',
      endpoint: 'tcp://127.0.0.1:2376',
      status: { state: 'connected' },
    });
    expect(engines.map((e) => e.spec.endpoint)).toEqual(['tcp://127.0.0.1:2375', 'tcp://127.0.0.1:2376']);
    expect(service.get('box')).not.toBe(session);
    const file = JSON.parse(await readFile(join(platform.dataDir, 'connections.json'), 'utf8'));
    expect(file.connections).toEqual([{ id: 'box', name: 'Build box', endpoint: 'tcp://127.0.0.1:2376' }]);
  });

  it('refuses edits that add would refuse, to discovered connections, and to unknown ids, changing nothing', async () => {
    const { service, platform } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    await service.add({ name: 'Box', endpoint: 'tcp://127.0.0.1:2375' });
    const before = await readFile(join(platform.dataDir, 'connections.json'), 'utf8');
    const bad = await rejection(service.update({ id: 'box', name: 'Box', endpoint: 'unix://relative.sock' }));
    expect(bad.code).toBe('INVALID_ARGUMENT');
    const dup = await rejection(
      service.update({ id: 'box', name: 'Box', endpoint: 'unix:///run/bosun-test/docker.sock' }),
    );
    expect(dup).toMatchObject({ code: 'CONFLICT', details: { id: 'docker-host' } });
    const discovered = await rejection(
      service.update({ id: 'docker-host', name: 'x', endpoint: 'unix:///run/bosun-test/docker.sock' }),
    );
    expect(discovered.code).toBe('CONFLICT');
    expect(discovered.message).toContain('DOCKER_HOST environment variable');
    expect((await rejection(service.update({ id: 'nope', name: 'x', endpoint: 'tcp://h:1' }))).code).toBe(
      'NOT_FOUND',
    );
    expect(await readFile(join(platform.dataDir, 'connections.json'), 'utf8')).toBe(before);
    expect((await service.list()).find((c) => c.id === 'box')).toMatchObject({
      endpoint: 'tcp://127.0.0.1:2375',
      settings: {},
    });
  });

  it('keeps a corrupt connections file aside, logs it, and still starts', async () => {
    const { service, platform, logs } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    await mkdir(platform.dataDir, { recursive: true });
    await writeFile(join(platform.dataDir, 'connections.json'), '{{{');
    expect((await service.list()).map((c) => c.id)).toEqual(['docker-host']);
    expect(logs.join('\n')).toMatch(
      /connections\.json was unreadable .* kept as .*connections\.json\.corrupt-\d+/,
    );
  });

  it('retries on demand and answers NOT_FOUND for unknown ids', async () => {
    const engine = new FakeEngine();
    engine.versionError = new AppError('UNAVAILABLE', 'down');
    const { service } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' }, () => engine);
    await service.loaded();
    await service.get('docker-host')!.ready();
    engine.versionError = undefined;
    expect((await service.retry('docker-host')).status.state).toBe('connected');
    expect((await rejection(service.retry('ghost'))).code).toBe('NOT_FOUND');
  });

  it('gives stored entries that share an id one session each, and closes every one on dispose', async () => {
    const { service, platform, engines } = await setup();
    await mkdir(platform.dataDir, { recursive: true });
    const entry = (endpoint: string) => ({ id: 'box', name: 'Box', endpoint });
    await writeFile(
      join(platform.dataDir, 'connections.json'),
      JSON.stringify({ version: 1, connections: [entry('tcp://127.0.0.1:1'), entry('tcp://127.0.0.1:2')] }),
    );
    expect((await service.list()).map((c) => [c.id, c.endpoint])).toEqual([
      ['box', 'tcp://127.0.0.1:1'],
      ['box-2', 'tcp://127.0.0.1:2'],
    ]);
    await vi.waitFor(() => expect(service.all().map((s) => s.state)).toEqual(['connected', 'connected']));
    await service.dispose();
    // Before ids were made unique, the second session replaced the first in the map, and the first
    // kept its event stream after dispose.
    expect(engines.map(({ engine }) => (engine as FakeEngine).streaming)).toEqual([false, false]);
  });

  it('opens no session for an add that finishes after dispose', async () => {
    const { service, engines } = await setup();
    await service.loaded();
    const adding = service.add({ name: 'late', endpoint: 'tcp://127.0.0.1:2375' });
    await service.dispose();
    const error = await rejection(adding);
    expect(error.code).toBe('CANCELLED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engines).toEqual([]);
    expect(service.all()).toEqual([]);
  });

  it('marks blocked connections as not retryable', async () => {
    const { service } = await setup({ DOCKER_HOST: 'ssh://me@build-box' });
    const [ssh] = await service.list();
    expect(ssh?.status).toMatchObject({ state: 'unavailable', retryable: false });
    expect((await service.retry('docker-host')).status.retryable).toBe(false);
  });

  it('shows a fixed reason for an error no adapter translated, and hands the original to onInternalError', async () => {
    const library = new TypeError("Cannot read properties of undefined (reading 'Version')");
    const { service, internal } = await setup({}, () => {
      const engine = new FakeEngine();
      engine.versionError = library;
      return engine;
    });
    const added = await service.add({ name: 'odd', endpoint: 'tcp://127.0.0.1:2375' });
    expect(added.status).toMatchObject({
      state: 'unavailable',
      reason: 'Bosun could not connect to odd (an unexpected error, logged).',
    });
    expect(JSON.stringify(added)).not.toContain('Cannot read properties');
    expect(internal).toContain(library);
  });
});
