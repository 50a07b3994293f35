import type { Cluster, Out, ParsedIn, PodRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { BackoffOptions } from '../connections/backoff';
import { nodeDiscoveryFs, type DiscoveryFs } from '../connections/discovery-fs';
import { DiscoveryWatcher } from '../connections/discovery-watch';
import type { LivenessOptions } from '../connections/liveness-watchdog';
import { watchForWake, type WakeWatchOptions } from '../connections/wake-watch';
import { AccessCache } from './access-cache';
import { ClientNodeCluster } from './client-node-cluster';
import { ClusterSession } from './cluster-session';
import type { ClusterFactory, KubeCluster, KubeContextSpec, KubeTunnels } from './kube-cluster';
import { discoverClusters, kubeconfigPaths } from './kubeconfig';
import { ContextSettingsStore } from './context-settings-store';

export interface KubeServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly onClustersChanged: (ids: string[]) => void;
  readonly onPodsChanged: (change: { clusterId: string; uids: string[]; full: boolean }) => void;
  readonly log: (message: string) => void;
  readonly onInternalError?: (error: unknown) => void;
  /** How clusters are reached; ClientNodeCluster unless a test brings its own. */
  readonly createCluster?: ClusterFactory;
  /** SSH tunnels to API servers behind a bastion (kube.clusters.setTunnel); without it, none. */
  readonly tunnels?: KubeTunnels;
  readonly fs?: DiscoveryFs;
  readonly backoff?: BackoffOptions;
  readonly liveness?: LivenessOptions;
  readonly rediscoverDebounceMs?: number;
  readonly wakeWatch?: WakeWatchOptions | false;
  readonly windowMs?: number;
}

type Failure = Out<'kube.pods.list'>['failures'][number];

// A cluster still connecting after this long is reported as a failure (it publishes a full change once
// it connects), so one slow cluster never holds up the pods of the others.
const CONNECTING_GRACE_MS = 3_000;

/** Two specs that would reach the same cluster the same way keep one session across a rediscovery. */
function sameTarget(a: KubeContextSpec, b: KubeContextSpec): boolean {
  const key = (s: KubeContextSpec): string => JSON.stringify({ ...s, current: false, name: '' });
  return key(a) === key(b);
}

function unknownCluster(id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `No cluster "${id}" is known. kube.clusters.list (or \`bosun pods\`) shows the clusters of your kubeconfig.`,
  );
}

/**
 * The clusters of the kubeconfig and their live pods. Reading the kubeconfig is cheap and happens at
 * once; connecting waits until something asks about clusters (the app's cluster view, `bosun pods`),
 * so a `bosun ps` never runs a cloud login plugin.
 */
export class KubeService {
  private readonly sessions = new Map<string, ClusterSession>();
  private readonly store: ContextSettingsStore;
  private readonly access = new AccessCache();
  private readonly watcher: DiscoveryWatcher;
  private readonly stopWakeWatch: (() => void) | undefined;
  private discovery: Promise<void>;
  private active = false;
  private disposed = false;

  constructor(private readonly options: KubeServiceOptions) {
    this.store = new ContextSettingsStore(options.dataDir);
    this.watcher = new DiscoveryWatcher({
      interests: () => Promise.resolve(kubeconfigPaths(options).map((path) => ({ path }))),
      onChange: () =>
        void this.rediscover().catch((error: unknown) => options.log(`kubeconfig: ${String(error)}`)),
      debounceMs: options.rediscoverDebounceMs ?? 300,
      log: options.log,
    });
    this.discovery = this.discover();
    if (options.wakeWatch !== false)
      this.stopWakeWatch = watchForWake(() => {
        for (const session of this.sessions.values()) session.nudge();
      }, options.wakeWatch);
  }

  /** Every cluster with its status; starts connecting them (the first time). */
  async list(): Promise<Cluster[]> {
    await this.discovery;
    this.activate();
    return [...this.sessions.values()].map((s) => s.toCluster());
  }

  /** Reads the kubeconfig again (Bosun also does this when the files change). */
  rediscover(): Promise<void> {
    this.discovery = this.discovery.catch(() => undefined).then(() => this.discover());
    return this.discovery;
  }

  async retry(id: string, signal?: AbortSignal): Promise<Cluster> {
    const session = await this.session(id);
    this.active = true;
    const attempt = session.connect();
    await Promise.race([attempt, aborted(signal)]);
    return session.toCluster();
  }

  async namespaces(id: string, signal?: AbortSignal): Promise<Out<'kube.namespaces.list'>> {
    const session = await this.connected(id, signal);
    const names = await session.liveCluster().listNamespaces(signal);
    const selected = session.namespaces;
    return { namespaces: names.sort(), selected: selected ? [...selected] : null };
  }

  async setNamespaces(id: string, namespaces: readonly string[] | null): Promise<Cluster> {
    const session = await this.session(id);
    const context = session.spec.context;
    if (!context)
      throw new AppError(
        'INVALID_ARGUMENT',
        `${session.spec.name} is not a context; fix the kubeconfig file first.`,
      );
    await this.store.setNamespaces(context, namespaces);
    this.active = true;
    await session.setNamespaces(namespaces);
    return session.toCluster();
  }

  /**
   * Reaches the cluster's API server through an SSH connection (a bastion), or directly again (null).
   * Kept per context; the cluster reconnects by the new route.
   */
  async setTunnel(id: string, via: string | null, signal?: AbortSignal): Promise<Cluster> {
    const session = await this.session(id);
    const context = session.spec.context;
    if (!context)
      throw new AppError(
        'INVALID_ARGUMENT',
        `${session.spec.name} is not a context; fix the kubeconfig file first.`,
      );
    if (via !== null) {
      if (!this.options.tunnels)
        throw new AppError('INVALID_ARGUMENT', 'This build of Bosun cannot reach clusters through SSH.');
      this.options.tunnels.check(via);
    }
    await this.store.setVia(context, via);
    this.active = true;
    await this.rediscover();
    const next = await this.session(id);
    await Promise.race([next.ready(signal, CONNECTING_GRACE_MS), aborted(signal)]).catch(() => undefined);
    return next.toCluster();
  }

  async pods(input: ParsedIn<'kube.pods.list'>, signal?: AbortSignal): Promise<Out<'kube.pods.list'>> {
    await this.discovery;
    const ids = input.clusterIds
      ? [...new Set(input.clusterIds)]
      : [...this.sessions.values()].filter((s) => !s.spec.blocked).map((s) => s.id);
    this.activate(ids);
    const settled = await Promise.allSettled(
      ids.map(async (id) => {
        const session = this.sessions.get(id);
        if (!session) throw unknownCluster(id);
        await session.ready(signal, CONNECTING_GRACE_MS);
        return session.pods({
          ...(input.namespaces ? { namespaces: input.namespaces } : {}),
          ...(input.uids ? { uids: input.uids } : {}),
        });
      }),
    );
    const rows: PodRow[] = [];
    const failures: Failure[] = [];
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') rows.push(...result.value);
      else {
        const error =
          result.reason instanceof AppError ? result.reason : new AppError('INTERNAL', 'unexpected failure');
        failures.push({ clusterId: ids[index]!, code: error.code, message: error.message });
      }
    });
    if (signal?.aborted)
      throw signal.reason instanceof AppError
        ? signal.reason
        : new AppError('CANCELLED', 'kube.pods.list was cancelled.');
    rows.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    return { rows, failures };
  }

  async checkAccess(input: ParsedIn<'kube.access'>, signal?: AbortSignal): Promise<Out<'kube.access'>> {
    const session = await this.connected(input.clusterId, signal);
    const cluster = session.liveCluster();
    return Promise.all(
      input.checks.map(async (check) => {
        const answer = await this.access.get(input.clusterId, input.namespace, check, () =>
          cluster.checkAccess(input.namespace, check, signal),
        );
        return {
          verb: check.verb,
          resource: check.resource,
          ...(check.subresource ? { subresource: check.subresource } : {}),
          allowed: answer.allowed,
          ...(answer.reason ? { reason: answer.reason } : {}),
        };
      }),
    );
  }

  /** The connected client of a cluster (waiting for a first connect), for the write actions. */
  async liveCluster(id: string, signal?: AbortSignal): Promise<KubeCluster> {
    return (await this.connected(id, signal)).liveCluster();
  }

  /** The session, for tests (stream counts). */
  get(id: string): ClusterSession | undefined {
    return this.sessions.get(id);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.watcher.close();
    this.stopWakeWatch?.();
    await this.discovery.catch(() => undefined);
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private async session(id: string): Promise<ClusterSession> {
    await this.discovery;
    const session = this.sessions.get(id);
    if (!session) throw unknownCluster(id);
    return session;
  }

  /** The session once connected (waiting for a first connect), or why it is not. */
  private async connected(id: string, signal?: AbortSignal): Promise<ClusterSession> {
    const session = await this.session(id);
    this.activate([id]);
    await session.ready(signal);
    session.liveCluster();
    return session;
  }

  /** Starts connecting the sessions not started yet (all, or these ids). */
  private activate(ids?: readonly string[]): void {
    if (!ids) this.active = true;
    for (const session of this.sessions.values()) {
      if (!this.active && !ids?.includes(session.id)) continue;
      if (session.state === 'connecting') void session.connect();
    }
  }

  private async discover(): Promise<void> {
    await this.watcher.refresh();
    const specs = await discoverClusters({ ...this.options, fs: this.options.fs ?? nodeDiscoveryFs });
    if (this.disposed) return;
    const changed: string[] = [];
    const seen = new Set<string>();
    for (const found of specs) {
      seen.add(found.id);
      const chosen = found.context
        ? await this.store.get(found.context, this.options.log)
        : { namespaces: null, via: null };
      const spec: KubeContextSpec = chosen.via ? { ...found, via: chosen.via } : found;
      const existing = this.sessions.get(spec.id);
      if (existing && sameTarget(existing.spec, spec)) {
        existing.relabel(spec);
        continue;
      }
      existing?.dispose();
      this.access.forget(spec.id);
      const session = new ClusterSession(spec, chosen.namespaces, {
        createCluster:
          this.options.createCluster ??
          ((context) => ClientNodeCluster.create(context, this.options.tunnels)),
        onStatus: (id) => this.options.onClustersChanged([id]),
        onPods: (clusterId, change) => this.options.onPodsChanged({ clusterId, ...change }),
        log: this.options.log,
        ...(this.options.onInternalError ? { onInternalError: this.options.onInternalError } : {}),
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        ...(this.options.liveness ? { liveness: this.options.liveness } : {}),
        ...(this.options.windowMs !== undefined ? { windowMs: this.options.windowMs } : {}),
      });
      this.sessions.set(spec.id, session);
      changed.push(spec.id);
      if (this.active) void session.connect();
    }
    for (const [id, session] of this.sessions) {
      if (seen.has(id)) continue;
      session.dispose();
      this.sessions.delete(id);
      changed.push(id);
    }
    if (changed.length > 0) this.options.onClustersChanged(changed);
  }
}

function aborted(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const fire = (): void =>
      reject(
        signal.reason instanceof AppError
          ? signal.reason
          : new AppError('CANCELLED', 'The call was cancelled.'),
      );
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}
