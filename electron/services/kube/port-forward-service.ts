import { randomUUID } from 'node:crypto';
import type { Out, ParsedIn, Payload } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import type { KubeCluster } from './kube-cluster';
import type { KubeService } from './kube-service';
import { PortForwarder, type ResolvedForward } from './port-forward';
import { checkRunning, choosePod, selectorQuery, servicePortToPodPort } from './port-forward-target';

/** What the service needs of the kube service (KubeService fits it). */
export interface ForwardClusters {
  liveCluster(clusterId: string, signal?: AbortSignal): Promise<KubeCluster>;
  checkAccess(input: ParsedIn<'kube.access'>, signal?: AbortSignal): Promise<Out<'kube.access'>>;
  /** The cluster's client now, without waiting; throws while it is not connected. */
  current(clusterId: string): KubeCluster;
  /** Why the cluster is not connected now, or undefined when it is. */
  whyLost(clusterId: string): string | undefined;
}

export interface PortForwardServiceOptions {
  readonly clusters: ForwardClusters;
  readonly publish: (payload: Payload<'kube.portForward.changed'>) => void;
  /** Counts are published at most this often per forward (a busy forward moves bytes constantly). */
  readonly coalesceMs?: number;
}

interface Owned {
  readonly clientId: string;
  readonly forwarder: PortForwarder;
  timer?: ReturnType<typeof setTimeout>;
}

/** The kube service as the forwards see it. */
export function forwardClusters(kube: KubeService): ForwardClusters {
  const session = (id: string) => {
    const found = kube.get(id);
    if (!found) throw new AppError('NOT_FOUND', `The cluster ${id} is no longer in your kubeconfig.`);
    return found;
  };
  return {
    liveCluster: (id, signal) => kube.liveCluster(id, signal),
    checkAccess: (input, signal) => kube.checkAccess(input, signal),
    current: (id) => session(id).liveCluster(),
    whyLost: (id) => {
      const status = kube.get(id)?.toCluster().status;
      if (!status) return `The cluster ${id} is no longer in your kubeconfig.`;
      return status.state === 'connected'
        ? undefined
        : `The cluster is ${status.state}${status.reason ? `: ${status.reason}` : ''}.`;
    },
  };
}

const MAX_FORWARDS_PER_CLIENT = 64;
const PORTFORWARD = { verb: 'create', resource: 'pods', subresource: 'portforward' } as const;

/** Whom a forward subscription may reach: its owner only (as terminal output). */
export interface ForwardGuard {
  admit(params: { readonly forwardId: string }, clientId: string): AppError | undefined;
}

/**
 * Port-forwards owned by the client that started them: listeners on 127.0.0.1 whose connections reach
 * a pod's port. They stop with their client, and all of them on dispose.
 */
export class PortForwardService {
  private readonly forwards = new Map<string, Owned>();
  private readonly starting = new Map<string, string>();
  private disposed = false;

  constructor(private readonly options: PortForwardServiceOptions) {}

  readonly changedGuard: ForwardGuard = {
    admit: ({ forwardId }, clientId) => {
      const owner = this.forwards.get(forwardId)?.clientId ?? this.starting.get(forwardId);
      return owner !== undefined && owner !== clientId
        ? new AppError('NOT_FOUND', 'There is no such port-forward.')
        : undefined;
    },
  };

  async start(
    input: ParsedIn<'kube.portForward.start'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'kube.portForward.start'>> {
    if (this.disposed) throw new AppError('UNAVAILABLE', 'Bosun is shutting down.');
    const forwardId = input.forwardId ?? randomUUID();
    if (this.forwards.has(forwardId) || this.starting.has(forwardId))
      throw new AppError('CONFLICT', `A port-forward with id ${forwardId} exists already; use a new id.`);
    if (this.countFor(clientId) >= MAX_FORWARDS_PER_CLIENT)
      throw failure(
        'UNAVAILABLE',
        `You have ${MAX_FORWARDS_PER_CLIENT} port-forwards open already.`,
        'Stop some (kube.portForward.stop) first.',
      );
    this.starting.set(forwardId, clientId);
    try {
      await this.checkAllowed(input.clusterId, input.namespace, signal);
      const cluster = await this.options.clusters.liveCluster(input.clusterId, signal);
      const resolved = await resolve(cluster, forwardId, input, signal);
      const forwarder = await PortForwarder.listen(resolved, input.localPort, {
        cluster: () => this.options.clusters.current(input.clusterId),
        onChange: () => this.changed(forwardId),
      });
      if (this.disposed) {
        await forwarder.stop();
        throw new AppError('UNAVAILABLE', 'Bosun is shutting down.');
      }
      this.forwards.set(forwardId, { clientId, forwarder });
      return forwarder.info();
    } finally {
      this.starting.delete(forwardId);
    }
  }

  async stop(forwardId: string, clientId: string): Promise<null> {
    const owned = this.forwards.get(forwardId);
    if (!owned || owned.clientId !== clientId)
      throw new AppError(
        'NOT_FOUND',
        'There is no such port-forward (it stopped, or was started elsewhere). kube.portForward.list shows yours.',
      );
    await this.end(forwardId, owned);
    return null;
  }

  list(clientId: string): Out<'kube.portForward.list'> {
    return [...this.forwards.values()]
      .filter((owned) => owned.clientId === clientId)
      .map((owned) => owned.forwarder.info());
  }

  /** Clusters changed status: forwards on a cluster that is gone say so (and recover when it is back). */
  clustersChanged(ids: readonly string[]): void {
    for (const owned of this.forwards.values()) {
      const clusterId = owned.forwarder.spec.clusterId;
      if (ids.includes(clusterId)) owned.forwarder.setClusterLost(this.options.clusters.whyLost(clusterId));
    }
  }

  /** The client went away: its forwards stop. */
  closeClient(clientId: string): void {
    for (const [forwardId, owned] of [...this.forwards])
      if (owned.clientId === clientId)
        void this.end(forwardId, owned, 'The client that started it went away.');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled(
      [...this.forwards].map(([forwardId, owned]) => this.end(forwardId, owned, 'Bosun is closing.')),
    );
  }

  get count(): number {
    return this.forwards.size;
  }

  private async end(forwardId: string, owned: Owned, reason?: string): Promise<void> {
    if (this.forwards.get(forwardId) !== owned) return;
    this.forwards.delete(forwardId);
    if (owned.timer) clearTimeout(owned.timer);
    await owned.forwarder.stop();
    this.options.publish({
      forward: owned.forwarder.info(),
      stopped: true,
      ...(reason ? { reason } : {}),
    });
  }

  private changed(forwardId: string): void {
    const owned = this.forwards.get(forwardId);
    if (!owned || owned.timer) return;
    owned.timer = setTimeout(() => {
      owned.timer = undefined;
      if (this.forwards.get(forwardId) === owned)
        this.options.publish({ forward: owned.forwarder.info(), stopped: false });
    }, this.options.coalesceMs ?? 100);
  }

  private async checkAllowed(clusterId: string, namespace: string, signal?: AbortSignal): Promise<void> {
    const [answer] = await this.options.clusters.checkAccess(
      { clusterId, namespace, checks: [PORTFORWARD] },
      signal,
    );
    if (answer && !answer.allowed)
      throw failure(
        'PERMISSION_DENIED',
        `The cluster does not let you forward ports in namespace ${namespace} (create pods/portforward is denied${
          answer.reason ? `: ${answer.reason}` : ''
        }).`,
        'Ask a cluster admin for the pods/portforward permission in that namespace.',
      );
  }

  private countFor(clientId: string): number {
    let n = 0;
    for (const owned of this.forwards.values()) if (owned.clientId === clientId) n++;
    return n;
  }
}

/** The pod and pod port a start asks for, as kubectl port-forward resolves them. */
async function resolve(
  cluster: KubeCluster,
  forwardId: string,
  input: ParsedIn<'kube.portForward.start'>,
  signal?: AbortSignal,
): Promise<ResolvedForward> {
  const { clusterId, namespace, target, remotePort } = input;
  const base = { forwardId, clusterId, namespace, target, remotePort };
  if (target.kind === 'pod') {
    const pod = await cluster.readPod(namespace, target.name, signal);
    checkRunning(pod, `${namespace}/${target.name}`);
    return { ...base, pod: target.name, podPort: remotePort };
  }
  const service = await cluster.readService(namespace, target.name, signal);
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0)
    throw failure(
      'INVALID_ARGUMENT',
      `Service ${namespace}/${target.name} has no selector, so no pod stands behind it to forward to.`,
      'Forward to a pod instead.',
    );
  const pods = await cluster.podsMatching(namespace, selectorQuery(selector), signal);
  const pod = choosePod(`${namespace}/${target.name}`, pods);
  const podPort = servicePortToPodPort(`${namespace}/${target.name}`, service, remotePort, pod);
  return { ...base, pod: pod.metadata?.name ?? '', podPort };
}
