import type { Cluster, PodRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  DEFAULT_LIVENESS,
  watchLiveness,
  type LivenessOptions,
  type Watchdog,
} from '../connections/liveness-watchdog';
import { ReconnectingSession, type ReconnectingDeps } from '../connections/reconnecting-session';
import { failure } from '../containers/engine-errors';
import type { ClusterFactory, KubeCluster, KubeContextSpec } from './kube-cluster';
import { PodCache, type PodFilter } from './pod-cache';
import { PodStream, type StreamCounts } from './pod-stream';

export interface ClusterSessionDeps extends ReconnectingDeps {
  readonly createCluster: ClusterFactory;
  /** Pods changed: publish kube.pods.changed. */
  readonly onPods: (id: string, change: { uids: string[]; full: boolean }) => void;
  readonly liveness?: LivenessOptions;
  readonly windowMs?: number;
  readonly pageSize?: number;
}

type Status = Omit<Cluster['status'], 'retryable'>;

interface Live {
  readonly cluster: KubeCluster;
  readonly watchdog: Watchdog;
}

/**
 * One cluster (kubeconfig context): connected with its pods listed and watched per namespace scope and
 * a liveness ping on the API server, or not (with a reason), retrying as ReconnectingSession does until
 * disposed. The Kubernetes counterpart of ConnectionSession.
 */
export class ClusterSession extends ReconnectingSession<Live, Status> {
  private current: KubeContextSpec;
  private scope: readonly string[] | null;
  private streams: PodStream[];
  private readonly cache: PodCache;

  constructor(
    spec: KubeContextSpec,
    namespaces: readonly string[] | null,
    private readonly deps: ClusterSessionDeps,
  ) {
    super(spec.blocked, deps);
    this.current = spec;
    this.scope = namespaces;
    this.cache = new PodCache({
      clusterId: spec.id,
      onChanged: (uids) => deps.onPods(spec.id, { uids, full: false }),
      ...(deps.windowMs !== undefined ? { windowMs: deps.windowMs } : {}),
    });
    this.streams = this.makeStreams();
  }

  get id(): string {
    return this.current.id;
  }

  get spec(): KubeContextSpec {
    return this.current;
  }

  protected get blocked(): KubeContextSpec['blocked'] {
    return this.current.blocked;
  }

  protected get label(): string {
    return `${this.current.name} (${this.current.server ?? ''})`;
  }

  protected get name(): string {
    return this.current.name;
  }

  get namespaces(): readonly string[] | null {
    return this.scope;
  }

  /** What the pod streams did (lists, resumes, re-lists), summed, for tests and the log. */
  counts(): StreamCounts {
    const sum: StreamCounts = { lists: 0, resumes: 0, relists: 0 };
    for (const stream of this.streams) {
      sum.lists += stream.counts.lists;
      sum.resumes += stream.counts.resumes;
      sum.relists += stream.counts.relists;
    }
    return sum;
  }

  toCluster(): Cluster {
    const spec = this.current;
    return {
      id: spec.id,
      name: spec.name,
      ...(spec.context !== undefined ? { context: spec.context } : {}),
      ...(spec.server !== undefined ? { server: spec.server } : {}),
      ...(spec.user !== undefined ? { user: spec.user } : {}),
      ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
      current: spec.current,
      file: spec.file,
      ...(spec.via !== undefined ? { via: spec.via } : {}),
      namespaces: this.scope ? [...this.scope] : null,
      status: { ...this.status, retryable: !spec.blocked },
    };
  }

  /** A rediscovered spec with the same entries (the current flag moved): no reconnect. */
  relabel(spec: KubeContextSpec): void {
    const before = JSON.stringify(this.toCluster());
    this.current = spec;
    if (JSON.stringify(this.toCluster()) !== before) this.deps.onStatus(spec.id);
  }

  /** The watched pods; throws why not while the cluster is not connected. */
  pods(filter: PodFilter = {}): PodRow[] {
    if (!this.live) throw this.whyNotConnected();
    return this.cache.list(filter);
  }

  liveCluster(): KubeCluster {
    if (this.live) return this.live.cluster;
    throw this.whyNotConnected();
  }

  /** Watch these namespaces only (null: all): the pods are listed again for the new scope. */
  async setNamespaces(namespaces: readonly string[] | null): Promise<void> {
    this.scope = namespaces ? [...new Set(namespaces)].sort() : null;
    for (const stream of this.streams) stream.reset();
    this.cache.keepNamespaces(this.scope);
    this.streams = this.makeStreams();
    this.deps.onStatus(this.id);
    // A fresh attempt lists the new scope and publishes a full change.
    await this.restart(new AppError('CANCELLED', 'The namespaces changed.'));
  }

  override dispose(): void {
    super.dispose();
    this.cache.close();
  }

  protected stillConnecting(): AppError {
    const spec = this.current;
    return failure(
      'UNAVAILABLE',
      `${spec.name} (${spec.server ?? 'no server'}) is still connecting.`,
      'Its pods appear as soon as it answers.',
    );
  }

  protected async open(
    generation: number,
    signal: AbortSignal,
    lost: (error: AppError) => void,
  ): Promise<{ live: Live; status: Status }> {
    const spec = this.current;
    let cluster: KubeCluster | undefined;
    try {
      cluster = await this.deps.createCluster(spec);
      const info = await cluster.version(signal);
      const opened = cluster;
      await Promise.all(this.streams.map((stream) => stream.start(opened, lost, signal)));
      const watchdog = watchLiveness(cluster, this.deps.liveness ?? DEFAULT_LIVENESS, lost, {
        what: `The API server of ${spec.name}`,
        hint: 'the API server is overloaded',
      });
      return {
        live: { cluster, watchdog },
        status: { state: 'connected', since: this.now(), version: info.gitVersion },
      };
    } catch (error) {
      // The streams belong to the session: a superseded attempt must not stop the newer one's.
      if (generation === this.generation) for (const stream of this.streams) stream.stop();
      cluster?.close();
      throw error;
    }
  }

  protected close(live: Live): void {
    live.cluster.close();
  }

  /** The streams stop with the connection, and also when no connection was made yet (an attempt cut short). */
  protected override teardown(): void {
    super.teardown();
    for (const stream of this.streams) stream.stop();
  }

  protected connected(): void {
    this.cache.discardPending();
    this.deps.onPods(this.current.id, { uids: [], full: true });
  }

  private makeStreams(): PodStream[] {
    const scopes = this.scope ? this.scope.map((namespace) => ({ namespace })) : [{}];
    return scopes.map((scope) => new PodStream(scope, this.cache, this.deps.pageSize));
  }
}
