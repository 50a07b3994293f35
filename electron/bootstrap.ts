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
import { defaultKnownHosts, sshSupport, withSsh } from './services/ssh/ssh-engine';
import { SshCredentials } from './services/ssh/ssh-credentials';
import { SshPool } from './services/ssh/ssh-pool';
import { sshKubeTunnels } from './services/ssh/ssh-kube-tunnels';
import { LifecycleService } from './services/containers/lifecycle-service';
import { FilesService } from './services/files/files-service';
import { TransfersService } from './services/files/transfers-service';
import { DiskService } from './services/disk/disk-service';
import { ImagesService } from './services/images/images-service';
import { NetworksService } from './services/networks/networks-service';
import { kindsOfEvent } from './services/resources/event-kinds';
import { ResourceHints } from './services/resources/resource-hints';
import { VolumesService } from './services/volumes/volumes-service';
import { InspectService } from './services/inspect/inspect-service';
import { KubeService } from './services/kube/kube-service';
import { PortForwardService, forwardClusters } from './services/kube/port-forward-service';
import { WorkloadActions } from './services/kube/workload-actions';
import type { ClusterFactory } from './services/kube/kube-cluster';
import { LogsService } from './services/logs/logs-service';
import { MapsService } from './services/maps/maps-service';
import { AuditService } from './services/audit/audit-service';
import { StatsService, type StatsOptions } from './services/stats/stats-service';
import type { Platform } from './services/platform';
import { TerminalService } from './services/terminal/terminal-service';
import { GuidanceService } from './services/guidance/guidance-service';
import { KNOWLEDGE_BASE } from './services/guidance/knowledge-base';
import { ToolboxJanitor } from './services/terminal/toolbox-janitor';
import { ownerId } from './services/terminal/toolbox-sidecar';
import { contract, type Contract, type Payload } from './shared/contract';
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
  /** Stream cap, linger and tick of live stats (tests shorten them). */
  readonly stats?: StatsOptions;
  /** How Kubernetes clusters are reached; ClientNodeCluster unless a test brings its own. */
  readonly createCluster?: ClusterFactory;
}

export interface Core {
  readonly host: RpcHost<Contract>;
  readonly bus: EventBus<Contract>;
  /** The terminal sessions, for tests and the bench (flow-control state). */
  readonly terminals: TerminalService;
  /** The log streams, for tests and the bench (flow-control state). */
  readonly logs: LogsService;
  /** Live stats, for tests and the bench (engine streams open). */
  readonly stats: StatsService;
  /** File downloads and uploads, for tests (flow-control state, live transfers). */
  readonly transfers: TransfersService;
  /** The Kubernetes clusters, for tests (watch counts: lists, resumes, re-lists). */
  readonly kube: KubeService;
  /** Port-forwards to pods, for tests (how many are open). */
  readonly portForwards: PortForwardService;
  dispose(): Promise<void>;
}

/**
 * The composition root: Electron main, the web server and the CLI all build the core here. Discovery
 * and connecting run in the background; calls that need them wait for discovery, never for a slow engine.
 */
export async function createServices(platform: Platform, options: CoreOptions = {}): Promise<Core> {
  const bus = new EventBus(contract);
  // Engine events about images, volumes and networks, coalesced into one hint per list and window.
  const hints = new ResourceHints((connectionId, kind) =>
    bus.publish('resources.changed', { connectionId, kind }),
  );
  const log = options.log ?? ((message: string) => console.warn(`bosun: ${message}`));
  const onInternalError =
    options.onInternalError ??
    ((method: string, error: unknown) => console.error(`bosun: internal error in ${method}:`, error));
  const onUnknownState = logUnknownStatesOnce(log);
  const janitor = new ToolboxJanitor(log);
  // One SSH connection per host and login, shared by the engine, connection tests and host key checks;
  // it idles a few seconds after its last user so a test or a quick reconnect does not dial again.
  const sshPool = new SshPool({ idleMs: 5_000 });
  const ssh = {
    knownHosts: defaultKnownHosts(platform.homeDir, platform.dataDir),
    homeDir: platform.homeDir,
    env: platform.env,
    pool: sshPool,
    credentials: new SshCredentials(platform.secrets, log),
  };
  const connections = new ConnectionsService({
    env: platform.env,
    homeDir: platform.homeDir,
    dataDir: platform.dataDir,
    createEngine:
      options.createEngine ??
      withSsh(ssh, (spec) => DockerodeEngine.create(spec, { onUnknownState }), { onUnknownState }),
    ssh: sshSupport(ssh),
    onConnectionsChanged: (ids) => {
      bus.publish('connections.changed', { ids });
      janitor.sweep(ids.map((id) => connections.get(id)));
    },
    onContainersChanged: (change) => bus.publish('containers.changed', change),
    onEngineEvent: (connectionId, event) => hints.note(connectionId, kindsOfEvent(event)),
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
  const images = new ImagesService(connections);
  const volumes = new VolumesService(connections);
  const networks = new NetworksService(connections);
  const disk = new DiskService(connections);
  const inspect = new InspectService(connections);
  const maps = new MapsService(connections);
  const audit = new AuditService(connections);
  const terminals = new TerminalService({
    engines: connections,
    publish: (output) => bus.publish('terminal.output', output),
    ownerId: ownerId(),
    // kube is made below; this runs only when a pod terminal opens.
    clusters: (id, signal) => kube.liveCluster(id, signal),
  });
  bus.guard('terminal.output', terminals.outputGuard);
  const logs = new LogsService({
    engines: connections,
    publish: (output) => bus.publish('logs.output', output),
  });
  bus.guard('logs.output', logs.outputGuard);
  const files = new FilesService(connections);
  const transfers = new TransfersService({
    engines: connections,
    publish: (transfer) => bus.publish('files.transfer', transfer),
  });
  bus.guard('files.transfer', transfers.transferGuard);
  const stats = new StatsService({
    ...options.stats,
    engines: connections,
    publish: (samples) => bus.publish('stats.samples', samples),
  });
  bus.guard('stats.samples', stats.samplesGuard);
  const guidance = new GuidanceService({
    engines: connections,
    knowledge: KNOWLEDGE_BASE,
    publish: (progress) => bus.publish('guidance.progress', progress),
  });
  bus.guard('guidance.progress', guidance.progressGuard);
  // Streams follow their containers: one opens when a watched container starts, and ends when it stops.
  bus.subscribe('containers.changed', {}, (change) =>
    stats.containersChanged(change as Payload<'containers.changed'>),
  );
  void connections.loaded().catch((error: unknown) => log(`discovery failed: ${String(error)}`));
  const kube = new KubeService({
    env: platform.env,
    homeDir: platform.homeDir,
    dataDir: platform.dataDir,
    onClustersChanged: (ids) => bus.publish('kube.clusters.changed', { ids }),
    onPodsChanged: (change) => bus.publish('kube.pods.changed', change),
    log,
    onInternalError: (error) => onInternalError('kube', error),
    ...(options.createCluster ? { createCluster: options.createCluster } : {}),
    tunnels: sshKubeTunnels(connections, ssh, log),
    ...(options.reconnectBackoff ? { backoff: options.reconnectBackoff } : {}),
    ...(options.liveness ? { liveness: options.liveness } : {}),
    ...(options.rediscoverDebounceMs !== undefined
      ? { rediscoverDebounceMs: options.rediscoverDebounceMs }
      : {}),
  });
  const portForwards = new PortForwardService({
    clusters: forwardClusters(kube),
    publish: (payload) => bus.publish('kube.portForward.changed', payload),
  });
  bus.guard('kube.portForward.changed', portForwards.changedGuard);
  bus.subscribe('kube.clusters.changed', {}, (change) =>
    portForwards.clustersChanged((change as Payload<'kube.clusters.changed'>).ids),
  );

  const kubeActions = new WorkloadActions((id, signal) => kube.liveCluster(id, signal));

  const handlers: Handlers<Contract> = {
    'system.info': () => ({
      version: pkg.version,
      face: platform.face,
      platform: `${process.platform}-${process.arch}`,
      versions: { ...platform.versions },
      secretStore: platform.secrets.description,
    }),
    'connections.list': () => connections.list(),
    'connections.add': (input, { signal }) => connections.add(input, signal),
    'connections.update': (input, { signal }) => connections.update(input, signal),
    'connections.remove': ({ id }) => connections.remove(id),
    'connections.retry': ({ id }, { signal }) => connections.retry(id, signal),
    'connections.test': ({ id }, { signal }) => connections.test(id, signal),
    'connections.unlock': ({ id, secret, remember }, { signal }) =>
      connections.unlock(id, secret, remember, signal),
    'connections.acceptHostKey': ({ id, fingerprint }, { signal }) =>
      connections.acceptHostKey(id, fingerprint, signal),
    'connections.rediscover': () => connections.rediscover(),
    'containers.list': (input, { signal }) => containers.list(input, signal),
    'containers.act': (input, { signal }) => lifecycle.act(input, signal),
    'images.list': (input, { signal }) => images.list(input, signal),
    'images.history': (input, { signal }) => images.history(input, signal),
    'images.remove': (input, { signal }) => images.remove(input, signal),
    'images.prune': (input, { signal }) => images.prune(input, signal),
    'volumes.list': (input, { signal }) => volumes.list(input, signal),
    'volumes.usage': (input, { signal }) => volumes.usage(input, signal),
    'volumes.remove': (input, { signal }) => volumes.remove(input, signal),
    'volumes.prune': (input, { signal }) => volumes.prune(input, signal),
    'networks.list': (input, { signal }) => networks.list(input, signal),
    'networks.remove': (input, { signal }) => networks.remove(input, signal),
    'networks.prune': (input, { signal }) => networks.prune(input, signal),
    'disk.usage': (input, { signal }) => disk.usage(input, signal),
    'containers.inspect': (input, { signal }) => inspect.inspect(input, signal),
    'containers.remove': (input, { signal }) => lifecycle.remove(input, signal),
    'containers.removalImpact': (input, { signal }) => lifecycle.removalImpact(input, signal),
    'terminal.open': (input, { clientId, signal }) => terminals.open(input, clientId, signal),
    'terminal.openPod': (input, { clientId, signal }) => terminals.openPod(input, clientId, signal),
    'terminal.input': ({ sessionId, data }, { clientId }) => terminals.input(sessionId, data, clientId),
    'terminal.resize': ({ sessionId, cols, rows }, { clientId }) =>
      terminals.resize(sessionId, cols, rows, clientId),
    'terminal.ack': ({ sessionId, bytes }, { clientId }) => terminals.ack(sessionId, bytes, clientId),
    'terminal.close': ({ sessionId }, { clientId }) => terminals.close(sessionId, clientId),
    'logs.open': (input, { clientId, signal }) => logs.open(input, clientId, signal),
    'logs.ack': ({ streamId, lines }, { clientId }) => logs.ack(streamId, lines, clientId),
    'logs.close': ({ streamId }, { clientId }) => logs.close(streamId, clientId),
    'logs.page': (input, { signal }) => logs.page(input, signal),
    'stats.watch': (input, { clientId }) => stats.watch(input, clientId),
    'stats.unwatch': ({ watchId }, { clientId }) => stats.unwatch(watchId, clientId),
    'files.list': (input, { signal }) => files.list(input, signal),
    'files.stat': (input, { signal }) => files.stat(input, signal),
    'files.changes': (input, { signal }) => files.changes(input, signal),
    'files.download': (input, { clientId, signal }) => transfers.download(input, clientId, signal),
    'files.ack': ({ transferId, bytes }, { clientId }) => transfers.ack(transferId, bytes, clientId),
    'files.cancel': ({ transferId }, { clientId }) => transfers.cancel(transferId, clientId),
    'files.upload': (input, { clientId, signal }) => transfers.upload(input, clientId, signal),
    'files.write': (input, { clientId }) => transfers.write(input, clientId),
    'guidance.analyze': (input, { signal }) => guidance.analyze(input, signal),
    'guidance.reload': (input, { clientId, signal }) => guidance.reload(input, clientId, signal),
    'guidance.restart': (input, { clientId, signal }) => guidance.restart(input, clientId, signal),
    'kube.clusters.list': () => kube.list(),
    'kube.clusters.retry': ({ clusterId }, { signal }) => kube.retry(clusterId, signal),
    'kube.clusters.setTunnel': ({ clusterId, via }, { signal }) => kube.setTunnel(clusterId, via, signal),
    'kube.namespaces.list': ({ clusterId }, { signal }) => kube.namespaces(clusterId, signal),
    'kube.namespaces.set': ({ clusterId, namespaces }) => kube.setNamespaces(clusterId, namespaces),
    'kube.pods.list': (input, { signal }) => kube.pods(input, signal),
    'kube.access': (input, { signal }) => kube.checkAccess(input, signal),
    'kube.portForward.start': (input, { clientId, signal }) => portForwards.start(input, clientId, signal),
    'kube.portForward.stop': ({ forwardId }, { clientId }) => portForwards.stop(forwardId, clientId),
    'kube.portForward.list': (_input, { clientId }) => portForwards.list(clientId),
    'kube.pods.delete': (input, { signal }) => kubeActions.deletePod(input, signal),
    'kube.workloads.restart': (input, { signal }) => kubeActions.restart(input, signal),
    'kube.workloads.scale': (input, { signal }) => kubeActions.scale(input, signal),
    'maps.storage': (input, { signal }) => maps.storage(input, signal),
    'maps.network': (input, { signal }) => maps.network(input, signal),
    'audit.container': (input, { signal }) => audit.container(input, signal),
    'audit.host': (input, { signal }) => audit.host(input, signal),
  };
  const dispatcher = new Dispatcher(contract, handlers, {
    ...(options.validateOutput !== undefined ? { validateOutput: options.validateOutput } : {}),
    onInternalError,
  });
  const host = new RpcHost(dispatcher, bus);
  host.onClientClosed((clientId) => terminals.closeClient(clientId));
  host.onClientClosed((clientId) => portForwards.closeClient(clientId));
  host.onClientClosed((clientId) => logs.closeClient(clientId));
  host.onClientClosed((clientId) => stats.closeClient(clientId));
  host.onClientClosed((clientId) => transfers.closeClient(clientId));
  host.onClientClosed((clientId) => guidance.closeClient(clientId));
  return {
    host,
    bus,
    terminals,
    logs,
    stats,
    transfers,
    kube,
    portForwards,
    async dispose() {
      host.closeAll();
      janitor.dispose();
      hints.dispose();
      logs.dispose();
      stats.dispose();
      await terminals.dispose();
      await transfers.dispose();
      await connections.dispose();
      await portForwards.dispose();
      await kube.dispose();
      sshPool.close();
    },
  };
}
