import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEnv } from '../../../e2e/env/test-env';
import { DockerodeEngine } from '../containers/dockerode-engine';
import { EngineProxy } from '../testing/engine-proxy';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform';
import { ConnectionsService } from './connections-service';

let test: TestPlatform;
let proxy: EngineProxy;
let service: ConnectionsService;
const logs: string[] = [];
const internal: unknown[] = [];

beforeAll(async () => {
  const env = testEnv();
  test = await createTestPlatform();
  proxy = new EngineProxy(env.dockerSocketPath);
  await proxy.start();
  service = new ConnectionsService({
    env: test.platform.env,
    homeDir: test.platform.homeDir,
    dataDir: test.platform.dataDir,
    systemPaths: test.systemPaths,
    createEngine: (spec) => DockerodeEngine.create(spec),
    onConnectionsChanged: () => undefined,
    onContainersChanged: () => undefined,
    log: (message) => logs.push(message),
    onInternalError: (_where, error) => internal.push(error),
    liveness: { intervalMs: 300, timeoutMs: 500 },
    backoff: { initialMs: 100, maxMs: 500 },
    watchDiscovery: false,
  });
});

afterAll(async () => {
  await service?.dispose();
  await proxy?.stop();
  await test?.cleanup();
  expect(internal).toEqual([]);
});

describe('liveness of a connected engine (real engine behind a TCP proxy)', () => {
  it('notices an engine that stops answering without closing anything, and reconnects when it is back', async () => {
    const added = await service.add({ name: 'far', endpoint: proxy.endpoint });
    expect(added.status.state).toBe('connected');
    // Healthy pings keep it connected.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(service.get('far')?.state).toBe('connected');

    proxy.freeze();
    const frozenAt = Date.now();
    await vi.waitFor(() => expect(service.get('far')?.state).toBe('reconnecting'), { timeout: 5_000 });
    // Within one interval and one timeout, not the kernel's eleven minutes.
    expect(Date.now() - frozenAt).toBeLessThan(2_500);
    expect((await service.list())[0]?.status).toMatchObject({
      state: 'reconnecting',
      reason: 'The engine stopped answering (no reply to ping within 0.5 s).',
      retryable: true,
    });
    expect(logs.join('\n')).toMatch(/far .* was lost: The engine stopped answering/);

    proxy.thaw();
    await vi.waitFor(() => expect(service.get('far')?.state).toBe('connected'), { timeout: 15_000 });
  });
});
