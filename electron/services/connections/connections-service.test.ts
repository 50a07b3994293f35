import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import { failure } from '../containers/engine-errors';
import { FakeEngine } from '../testing/fake-engine';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform';
import { ConnectionsService } from './connections-service';
import type { ConnectionSpec } from './spec';

let env: TestPlatform | undefined;
let service: ConnectionsService | undefined;

async function setup(
  vars: Record<string, string> = {},
  engineFor: (spec: ConnectionSpec) => ContainerEngine = () => new FakeEngine(),
) {
  env = await createTestPlatform(vars);
  const changed: string[][] = [];
  const logs: string[] = [];
  const make = (): ConnectionsService =>
    new ConnectionsService({
      env: env!.platform.env,
      homeDir: env!.platform.homeDir,
      dataDir: env!.platform.dataDir,
      systemPaths: env!.systemPaths,
      createEngine: async (spec) => engineFor(spec),
      onConnectionsChanged: (ids) => changed.push(ids),
      onContainersChanged: () => undefined,
      log: (message) => logs.push(message),
    });
  service = make();
  return { service, changed, logs, make, platform: env.platform };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

afterEach(async () => {
  await service?.dispose();
  service = undefined;
  await env?.cleanup();
  env = undefined;
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

  it('accepts readable TLS files', async () => {
    const { service, platform } = await setup();
    const dir = join(platform.homeDir, 'certs');
    await mkdir(dir);
    for (const name of ['ca', 'cert', 'key']) await writeFile(join(dir, `${name}.pem`), 'PEM');
    const tls = { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
    expect(await service.add({ name: 'secure', endpoint: 'tcp://127.0.0.1:2376', tls })).toMatchObject({
      tls: true,
    });
  });

  it('refuses to add an engine that is already listed', async () => {
    const { service } = await setup({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    const error = await rejection(
      service.add({ name: 'dup', endpoint: 'unix:///run/bosun-test//docker.sock' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('"Local Docker"');
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
});
