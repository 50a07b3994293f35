import type { Out, ParsedIn } from '../../shared/contract';
import type { KubeCluster } from './kube-cluster';

/** The connected client of a cluster, or the AppError saying why there is none. */
export type LiveCluster = (clusterId: string, signal?: AbortSignal) => Promise<KubeCluster>;

/**
 * The write actions on pods and workloads (delete a pod, rollout restart, scale). The list needs no
 * refresh afterwards: the watch reports what the controllers do about it.
 */
export class WorkloadActions {
  constructor(
    private readonly live: LiveCluster,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deletePod(
    input: ParsedIn<'kube.pods.delete'>,
    signal?: AbortSignal,
  ): Promise<Out<'kube.pods.delete'>> {
    const cluster = await this.live(input.clusterId, signal);
    await cluster.deletePod(input.namespace, input.name, input.gracePeriodSeconds, signal);
    return {};
  }

  async restart(
    input: ParsedIn<'kube.workloads.restart'>,
    signal?: AbortSignal,
  ): Promise<Out<'kube.workloads.restart'>> {
    const cluster = await this.live(input.clusterId, signal);
    // RFC 3339 in seconds, the form kubectl writes (a new value each time, so each call rolls).
    const restartedAt = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    await cluster.restartWorkload(input.namespace, input.kind, input.name, restartedAt, signal);
    return { restartedAt };
  }

  async scale(
    input: ParsedIn<'kube.workloads.scale'>,
    signal?: AbortSignal,
  ): Promise<Out<'kube.workloads.scale'>> {
    const cluster = await this.live(input.clusterId, signal);
    const replicas = await cluster.scaleWorkload(
      input.namespace,
      input.kind,
      input.name,
      input.replicas,
      signal,
    );
    return { replicas };
  }
}
