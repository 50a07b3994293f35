import type { ContainerEngine } from '../containers/container-engine';
import { ConnectionsService, type ConnectionsServiceOptions } from '../connections/connections-service';
import type { ConnectionSpec } from '../connections/spec';
import { FakeEngine } from './fake-engine';
import { createTestPlatform, type TestPlatform } from './test-platform';

export interface ConnectionsHarness {
  readonly service: ConnectionsService;
  readonly test: TestPlatform;
  /** Every connections.changed and containers.changed the service published, in order. */
  readonly changed: string[][];
  readonly containers: Array<{ connectionId: string; ids: string[]; full: boolean }>;
  readonly logs: string[];
  readonly internal: unknown[];
  /** Every engine the service created, in order. */
  readonly engines: Array<{ spec: ConnectionSpec; engine: ContainerEngine }>;
  /** Another service over the same dirs (a restart). */
  make(): ConnectionsService;
  dispose(): Promise<void>;
}

/** A ConnectionsService over a temp home and data dir, fake engines unless told otherwise. */
export async function connectionsHarness(
  vars: Record<string, string> = {},
  engineFor: (spec: ConnectionSpec) => ContainerEngine = () => new FakeEngine(),
  extra: Partial<ConnectionsServiceOptions> = {},
): Promise<ConnectionsHarness> {
  const test = await createTestPlatform(vars);
  const changed: string[][] = [];
  const containers: ConnectionsHarness['containers'] = [];
  const logs: string[] = [];
  const internal: unknown[] = [];
  const engines: ConnectionsHarness['engines'] = [];
  const services: ConnectionsService[] = [];
  const make = (): ConnectionsService => {
    const service = new ConnectionsService({
      env: test.platform.env,
      homeDir: test.platform.homeDir,
      dataDir: test.platform.dataDir,
      systemPaths: test.systemPaths,
      createEngine: async (spec) => {
        const engine = engineFor(spec);
        engines.push({ spec, engine });
        return engine;
      },
      onConnectionsChanged: (ids) => changed.push(ids),
      onContainersChanged: (change) => containers.push(change),
      log: (message) => logs.push(message),
      onInternalError: (_where, error) => internal.push(error),
      ...extra,
    });
    services.push(service);
    return service;
  };
  return {
    service: make(),
    test,
    changed,
    containers,
    logs,
    internal,
    engines,
    make,
    async dispose() {
      for (const service of services) await service.dispose();
      await test.cleanup();
    },
  };
}

export { rejection } from './rejection';
