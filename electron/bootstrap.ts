import { Dispatcher, type Handlers } from './rpc/dispatcher';
import { EventBus } from './rpc/event-bus';
import { RpcHost } from './rpc/router';
import type { BackoffOptions } from './services/connections/backoff';
import { ConnectionsService } from './services/connections/connections-service';
import type { SystemPaths } from './services/connections/discovery';
import type { LivenessOptions } from './services/connections/liveness-watchdog';
import { logUnknownStatesOnce } from './services/containers/container-row';
import type { EngineFactory } from './services/containers/container-engine';
import { ContainersService } from './services/containers/containers-service';
import { DockerodeEngine } from './services/containers/dockerode-engine';
import { LifecycleService } from './services/containers/lifecycle-service';
import type { Platform } from './services/platform';
import { TerminalService } from './services/terminal/terminal-service';
import { ToolboxJanitor } from './services/terminal/toolbox-janitor';
import { ownerId } from './services/terminal/toolbox-sidecar';
import { contract, type Contract } from './shared/contract';
import pkg from '../package.json' with { type: 'json' };

export interface CoreOptions {
  /** Check every result against the contract (tests, development). */
  readonly validateOutput?: boolean;
  readonly onInternalError?: (method: string, error: unknown) => void;
  /** Where warnings go (unreadable docker config, a lost engine); console.warn by default. */
  readonly log?: (message: string) => void;
  /** Machine-wide sockets discovery probes; tests point them into a temp dir to stay off real engines. */
  readonly systemPaths?: SystemPaths;
  readonly reconnectBackoff?: BackoffOptions;
  /** How often a connected engine is pinged, and how long it may take to answer (30 s / 5 s). */
  readonly liveness?: LivenessOptions;
  /** How long discovery waits after a change to a socket dir or the docker config (300 ms). */
  readonly rediscoverDebounceMs?: number;
  /** How engines are reached; the DockerodeEngine unless a test brings its own. */
  readonly createEngine?: EngineFactory;
}

export interface Core {
  readonly host: RpcHost<Contract>;
  readonly bus: EventBus<Contract>;
  /** The terminal sessions, for tests and the bench (flow-control state). */
  readonly terminals: TerminalService;
  dispose(): Promise<void>;
}

/**
 * The composition root: Electron main, the web server and the CLI all build the core here. Discovery
 * and connecting run in the background; calls that need them wait for discovery, never for a slow engine.
 */
export async function createServices(platform: Platform, options: CoreOptions = {}): Promise<Core> {
  const bus = new EventBus(contract);
  const log = options.log ?? ((message: string) => console.warn(`bosun: ${message}`));
  const onInternalError =
    options.onInternalError ??
    ((method: string, error: unknown) => console.error(`bosun: internal error in ${method}:`, error));
  const onUnknownState = logUnknownStatesOnce(log);
  const janitor = new ToolboxJanitor(log);
  const connections = new ConnectionsService({
    env: platform.env,
    homeDir: platform.homeDir,
    dataDir: platform.dataDir,
    createEngine: options.createEngine ?? ((spec) => DockerodeEngine.create(spec, { onUnknownState })),
    onConnectionsChanged: (ids) => {
      bus.publish('connections.changed', { ids });
      janitor.sweep(ids.map((id) => connections.get(id)));
    },
    onContainersChanged: (change) => bus.publish('containers.changed', change),
    log,
    onInternalError,
    ...(options.systemPaths ? { systemPaths: options.systemPaths } : {}),
    ...(options.reconnectBackoff ? { backoff: options.reconnectBackoff } : {}),
    ...(options.liveness ? { liveness: options.liveness } : {}),
    ...(options.rediscoverDebounceMs !== undefined
      ? { rediscoverDebounceMs: options.rediscoverDebounceMs }
      : {}),
  });
  const containers = new ContainersService(connections);
  const lifecycle = new LifecycleService(connections);
  const terminals = new TerminalService({
    engines: connections,
    publish: (output) => bus.publish('terminal.output', output),
    ownerId: ownerId(),
  });
  bus.guard('terminal.output', terminals.outputGuard);
  void connections.loaded().catch((error: unknown) => log(`discovery failed: ${String(error)}`));

  const handlers: Handlers<Contract> = {
    'system.info': () => ({
      version: pkg.version,
      face: platform.face,
      platform: `${process.platform}-${process.arch}`,
      versions: { ...platform.versions },
    }),
    'connections.list': () => connections.list(),
    'connections.add': (input, { signal }) => connections.add(input, signal),
    'connections.remove': ({ id }) => connections.remove(id),
    'connections.retry': ({ id }, { signal }) => connections.retry(id, signal),
    'connections.rediscover': () => connections.rediscover(),
    'containers.list': (input, { signal }) => containers.list(input, signal),
    'containers.act': (input, { signal }) => lifecycle.act(input, signal),
    'terminal.open': (input, { clientId, signal }) => terminals.open(input, clientId, signal),
    'terminal.input': ({ sessionId, data }, { clientId }) => terminals.input(sessionId, data, clientId),
    'terminal.resize': ({ sessionId, cols, rows }, { clientId }) =>
      terminals.resize(sessionId, cols, rows, clientId),
    'terminal.ack': ({ sessionId, bytes }, { clientId }) => terminals.ack(sessionId, bytes, clientId),
    'terminal.close': ({ sessionId }, { clientId }) => terminals.close(sessionId, clientId),
  };
  const dispatcher = new Dispatcher(contract, handlers, {
    ...(options.validateOutput !== undefined ? { validateOutput: options.validateOutput } : {}),
    onInternalError,
  });
  const host = new RpcHost(dispatcher, bus);
  host.onClientClosed((clientId) => terminals.closeClient(clientId));
  return {
    host,
    bus,
    terminals,
    async dispose() {
      host.closeAll();
      janitor.dispose();
      await terminals.dispose();
      await connections.dispose();
    },
  };
}
