import { createServices, type Core } from '../../bootstrap';
import { connectInProcess } from '../../rpc/in-process';
import type { Contract } from '../../shared/contract';
import { createClient, type Client } from '../../shared/rpc/client';
import { FakeEngine } from './fake-engine';
import { createTestPlatform, type TestPlatform } from './test-platform';

export interface FakeCore {
  /** The one engine every connection gets. */
  readonly engine: FakeEngine;
  readonly core: Core;
  readonly client: Client<Contract>;
  /** Another client of the same core, as another window would be. */
  connect(label: string): Client<Contract>;
  /** The connection of the engine (connected once this resolved). */
  readonly connectionId: string;
  readonly internalErrors: unknown[];
  close(): Promise<void>;
}

/**
 * The real core (bootstrap, dispatcher, bus, in-process transport) over a FakeEngine, for unit tests of
 * a service through the contract: a temp home, DOCKER_HOST naming a socket nobody dials.
 */
export async function startFakeCore(engine = new FakeEngine()): Promise<FakeCore> {
  const test: TestPlatform = await createTestPlatform({ DOCKER_HOST: 'unix:///fake/docker.sock' });
  const internalErrors: unknown[] = [];
  const core = await createServices(test.platform, {
    validateOutput: true,
    systemPaths: test.systemPaths,
    log: () => undefined,
    onInternalError: (_method, error) => internalErrors.push(error),
    createEngine: async () => engine,
  });
  const clients: Client<Contract>[] = [];
  const connect = (label: string): Client<Contract> => {
    const client = createClient<Contract>(connectInProcess(core.host, label));
    clients.push(client);
    return client;
  };
  const client = connect('fake-core');
  // containers.list waits for the first connection attempt, so the engine is live afterwards.
  const listed = await client.call('containers.list', { all: true });
  if (listed.failures.length > 0) throw new Error(`fake core: ${listed.failures[0]!.message}`);
  const connectionId = 'docker-host';
  return {
    engine,
    core,
    client,
    connect,
    connectionId,
    internalErrors,
    async close() {
      for (const c of clients) c.close();
      await core.dispose();
      await test.cleanup();
    },
  };
}
