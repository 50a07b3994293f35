import type { Cluster } from '../../../electron/shared/contract';
import { StatusDot } from '../connections/StatusDot';
import type { EngineProblem } from '../containers/engine-problems';
import { UnavailableBanner } from '../containers/UnavailableBanner';
import type { ClustersStore } from './clusters-store';
import { NamespacePicker } from './NamespacePicker';
import { TunnelPicker } from './TunnelPicker';

interface ClusterHeaderProps {
  readonly cluster: Cluster;
  readonly problem: EngineProblem | undefined;
  /** Pods of this cluster in the list (before the filter). */
  readonly pods: number;
  readonly store: ClustersStore;
  readonly onRetry: (clusterId: string) => Promise<boolean>;
}

/**
 * One cluster above the pods: its status, server and version, the namespaces watched, the route to its
 * API server, and — when its pods are missing or as last seen — why, with what to do.
 */
export function ClusterHeader({ cluster, problem, pods, store, onRetry }: ClusterHeaderProps) {
  const broken = cluster.context === undefined;
  return (
    <div
      className="kube-cluster"
      data-testid="kube-cluster"
      data-cluster={cluster.id}
      data-state={cluster.status.state}
    >
      <div className="kube-cluster-line">
        <StatusDot state={cluster.status.state} />
        <span className="kube-cluster-name" title={cluster.context ?? cluster.file}>
          {cluster.name}
        </span>
        {cluster.current ? <span className="kube-tag">current</span> : null}
        <span className="kube-server mono" title={broken ? cluster.file : cluster.server}>
          {broken ? cluster.file : (cluster.server ?? 'no server in kubeconfig')}
        </span>
        {cluster.status.version ? <span className="kube-note">{cluster.status.version}</span> : null}
        {broken ? null : (
          <>
            <span className="kube-note" data-testid="cluster-pod-count">
              {pods} {pods === 1 ? 'pod' : 'pods'}
            </span>
            <span className="kube-spacer" />
            <NamespacePicker
              cluster={cluster}
              load={(id) => store.namespaces(id)}
              onSet={(id, namespaces) => store.setNamespaces(id, namespaces)}
            />
            <TunnelPicker cluster={cluster} onSet={(id, via) => store.setTunnel(id, via)} />
          </>
        )}
      </div>
      {problem ? <UnavailableBanner problem={problem} onRetry={onRetry} rowsNoun="pods" /> : null}
    </div>
  );
}
