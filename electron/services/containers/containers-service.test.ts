import { afterEach, describe, expect, it } from 'vitest';
import { failure } from './engine-errors';
import { ConnectionsService } from '../connections/connections-service';
import { FakeEngine, fakeContainer } from '../testing/fake-engine';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform';
import { ContainersService } from './containers-service';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);

let env: TestPlatform | undefined;
let connections: ConnectionsService | undefined;

afterEach(async () => {
  await connections?.dispose();
  await env?.cleanup();
});

async function setup() {
  env = await createTestPlatform({ DOCKER_HOST: 'unix:///good.sock' });
  const good = new FakeEngine();
  good.containers.set(OLD, fakeContainer(OLD, { name: 'old', created: 1000 }));
  good.containers.set(NEW, fakeContainer(NEW, { name: 'new', created: 2000, state: 'exited' }));
  const bad = new FakeEngine();
  bad.versionError = failure(
    'UNAVAILABLE',
    'The Docker socket /gone.sock does not exist.',
    'Is the engine running?',
  );
  connections = new ConnectionsService({
    env: env.platform.env,
    homeDir: env.platform.homeDir,
    dataDir: env.platform.dataDir,
    systemPaths: env.systemPaths,
    createEngine: async (spec) => (spec.endpoint === 'unix:///good.sock' ? good : bad),
    onConnectionsChanged: () => undefined,
    onContainersChanged: () => undefined,
    log: () => undefined,
  });
  await connections.add({ name: 'gone', endpoint: 'unix:///gone.sock' });
  return { good, service: new ContainersService(connections) };
}

describe('ContainersService.list', () => {
  it('returns the rows of connected engines and the failed connections beside them', async () => {
    const { service } = await setup();
    const result = await service.list({ all: true });
    expect(result.rows.map((r) => [r.connectionId, r.name])).toEqual([
      ['docker-host', 'new'],
      ['docker-host', 'old'],
    ]);
    expect(result.failures).toEqual([
      {
        connectionId: 'gone',
        code: 'UNAVAILABLE',
        message: 'The Docker socket /gone.sock does not exist. Is the engine running?',
      },
    ]);
  });

  it('filters by connection, by id prefix and by running state; unknown connections are NOT_FOUND failures', async () => {
    const { service } = await setup();
    expect((await service.list({ all: false })).rows.map((r) => r.name)).toEqual(['old']);
    expect((await service.list({ all: true, ids: ['bbb'] })).rows.map((r) => r.name)).toEqual(['new']);
    const only = await service.list({ all: true, connectionIds: ['gone', 'nope'] });
    expect(only.rows).toEqual([]);
    expect(only.failures.map((f) => [f.connectionId, f.code])).toEqual([
      ['gone', 'UNAVAILABLE'],
      ['nope', 'NOT_FOUND'],
    ]);
  });

  it('answers after events already seen have been re-read', async () => {
    const { good, service } = await setup();
    await service.list({ all: true });
    good.containers.delete(OLD);
    good.emit(OLD, 'destroy');
    expect(
      (await service.list({ all: true, connectionIds: ['docker-host'] })).rows.map((r) => r.name),
    ).toEqual(['new']);
  });
});
