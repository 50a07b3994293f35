import type { Cluster } from '../../../electron/shared/contract';
import type { EngineProblem } from '../containers/engine-problems';
import type { ClusterFailure } from './pods-store';

/**
 * Why a cluster's pods are missing or as last seen, in the shape the containers' banner shows: its
 * status when it is down (a broken kubeconfig entry is down for good: retryable false), else the
 * failure of its last pod read. Undefined when its pods are live.
 */
export function clusterProblem(
  cluster: Cluster,
  failure: ClusterFailure | undefined,
): EngineProblem | undefined {
  const { status } = cluster;
  const base = { connectionId: cluster.id, name: cluster.name, endpoint: cluster.server ?? cluster.file };
  if (status.state === 'unavailable' || status.state === 'reconnecting') {
    return {
      ...base,
      reason: status.reason ?? 'The cluster cannot be reached.',
      hint: status.hint,
      retryable: status.retryable,
      reconnecting: status.state === 'reconnecting',
      ...(status.retry ? { retryAt: status.retry.at } : {}),
    };
  }
  if (!failure) return undefined;
  return { ...base, reason: failure.message, hint: status.hint, retryable: true, reconnecting: false };
}
