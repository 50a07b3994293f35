import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv, TEST_LABELS } from '../../../e2e/env/test-env';
import { createServices, type Core } from '../../bootstrap';
import { connectInProcess } from '../../rpc/in-process';
import type { Contract } from '../../shared/contract';
import { createClient, type Client } from '../../shared/rpc/client';
import { createTestPlatform, type TestPlatform } from './test-platform';

export interface IntCore {
  readonly client: Client<Contract>;
  /** Another client of the same core, as another window would be. */
  connect(label: string): Client<Contract>;
  readonly core: Core;
  readonly test: TestPlatform;
  /** The test engine spoken to directly, the reference every assertion compares with. */
  readonly engine: RawEngine;
  readonly env: ReturnType<typeof testEnv>;
  /** What the core logged and any internal errors: a test asserts there were none it did not expect. */
  readonly logs: string[];
  readonly internalErrors: unknown[];
  close(): Promise<void>;
}

/**
 * The real core against the real test engine, through the contract: a temp home, DOCKER_HOST on the
 * test socket, machine-wide socket paths in the temp dir (so no other engine is ever touched).
 * testEnv() throws when the engine is down: a missing engine fails the test.
 */
export async function startIntCore(extraEnv: Record<string, string> = {}): Promise<IntCore> {
  const env = testEnv();
  const test = await createTestPlatform({ DOCKER_HOST: env.dockerHost, ...extraEnv });
  const logs: string[] = [];
  const internalErrors: unknown[] = [];
  const core = await createServices(test.platform, {
    validateOutput: true,
    systemPaths: test.systemPaths,
    log: (message) => logs.push(message),
    onInternalError: (_method, error) => internalErrors.push(error),
  });
  const client = createClient<Contract>(connectInProcess(core.host, 'int-test'));
  const engine = new RawEngine(env.dockerSocketPath);
  return {
    client,
    connect: (label) => createClient<Contract>(connectInProcess(core.host, label)),
    core,
    test,
    engine,
    env,
    logs,
    internalErrors,
    async close() {
      client.close();
      await core.dispose();
      engine.close();
      await test.cleanup();
    },
  };
}

/** Creates a labelled busybox container (not started); the caller removes it. */
export async function createTestContainer(engine: RawEngine, image: string, name?: string): Promise<string> {
  const query = name ? `?name=${encodeURIComponent(name)}` : '';
  const created = await engine.json<{ Id?: string; message?: string }>('POST', `/containers/create${query}`, {
    Image: image,
    Cmd: ['sleep', '3600'],
    Labels: { ...TEST_LABELS },
    HostConfig: { NetworkMode: 'none' },
  });
  if (created.status !== 201 || !created.value.Id)
    throw new Error(`create failed: ${created.value.message ?? created.status}`);
  return created.value.Id;
}

/** Creates and starts a labelled container from any image (cmd, user, host config as given). */
export async function runTestContainer(
  engine: RawEngine,
  spec: {
    image: string;
    cmd?: string[];
    user?: string;
    /** PID 1 gets a TTY and an open stdin (what an attach needs). */
    tty?: boolean;
    /** Added to the test label. */
    labels?: Record<string, string>;
    hostConfig?: Record<string, unknown>;
  },
): Promise<string> {
  const created = await engine.json<{ Id?: string; message?: string }>('POST', '/containers/create', {
    Image: spec.image,
    ...(spec.cmd ? { Cmd: spec.cmd } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    ...(spec.tty ? { Tty: true, OpenStdin: true } : {}),
    Labels: { ...TEST_LABELS, ...spec.labels },
    HostConfig: { NetworkMode: 'none', ...spec.hostConfig },
  });
  if (created.status !== 201 || !created.value.Id)
    throw new Error(`create failed: ${created.value.message ?? created.status}`);
  const started = await engine.json<{ message?: string }>('POST', `/containers/${created.value.Id}/start`);
  if (started.status !== 204) throw new Error(`start failed: ${started.value?.message ?? started.status}`);
  return created.value.Id;
}

export async function removeTestContainers(engine: RawEngine, ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => engine.json('DELETE', `/containers/${id}?force=1&v=1`)));
}
