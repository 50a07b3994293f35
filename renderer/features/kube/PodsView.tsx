import { useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useClient } from '../../api/CoreContext';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import { FilterBox, type FilterTexts } from '../containers/FilterBox';
import { ClusterHeader } from './ClusterHeader';
import { clusterProblem } from './cluster-problem';
import { ClustersStore } from './clusters-store';
import { filterPods, nextPodSort, sortPods, type PodSort } from './pod-table';
import { PodsTable } from './PodsTable';
import { PodsStore } from './pods-store';
import { PortForwardsContext, PortForwardsStore } from './port-forwards-store';
import { PortForwardsStrip } from './PortForwardsStrip';
import '../containers/containers.css';
import './kube.css';

const FILTER_TEXTS: FilterTexts = {
  placeholder: 'Filter: name, namespace, status, node…',
  title: 'Words match any column; ns:kube-system, status:crash and node:w1 match that field only',
  label: 'Filter pods',
  id: 'pods',
  singular: 'pod',
  plural: 'pods',
};

/**
 * The pods of every kubeconfig cluster in one live table, each cluster above it with its status,
 * namespaces and route. Opening the view reads the clusters, which starts the core's connections.
 */
export function PodsView() {
  const client = useClient();
  const [clustersStore] = useState(() => new ClustersStore());
  const [podsStore] = useState(() => new PodsStore());
  const [forwardsStore] = useState(() => new PortForwardsStore());
  const {
    clusters,
    loaded: clustersLoaded,
    error: clustersError,
  } = useSyncExternalStore(clustersStore.subscribe, clustersStore.getSnapshot);
  const pods = useSyncExternalStore(podsStore.subscribe, podsStore.getSnapshot);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PodSort>({ column: 'namespace', direction: 'asc' });
  const deferredQuery = useDeferredValue(query);

  useEffect(() => {
    if (!client) return;
    podsStore.attach(client);
    clustersStore.attach(client);
    return () => {
      clustersStore.detach();
      podsStore.detach();
    };
  }, [client, clustersStore, podsStore]);
  useEffect(() => podsStore.syncClusters(clusters), [clusters, podsStore]);
  useEffect(() => {
    if (!client) return;
    forwardsStore.attach(client);
    return () => forwardsStore.detach();
  }, [client, forwardsStore]);

  const names = useMemo(() => new Map(clusters.map((c) => [c.id, c.name])), [clusters]);
  const clusterName = useMemo(() => (id: string) => names.get(id) ?? id, [names]);
  const sorted = useMemo(() => sortPods(pods.items, sort, clusterName), [pods.items, sort, clusterName]);
  const shown = useMemo(() => filterPods(sorted, deferredQuery), [sorted, deferredQuery]);
  const perCluster = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of pods.items) counts.set(item.row.clusterId, (counts.get(item.row.clusterId) ?? 0) + 1);
    return counts;
  }, [pods.items]);
  const failures = useMemo(() => new Map(pods.failures.map((f) => [f.clusterId, f])), [pods.failures]);
  const stale = useMemo(
    () => new Set(clusters.filter((c) => c.status.state === 'reconnecting').map((c) => c.id)),
    [clusters],
  );
  // A failure for a cluster the list no longer names still says why its pods are missing.
  const orphanFailures = pods.failures.filter((f) => !names.has(f.clusterId));

  const retry = async (clusterId: string): Promise<boolean> => {
    const cluster = names.has(clusterId) ? await clustersStore.retry(clusterId) : undefined;
    podsStore.refresh(clusterId);
    return cluster === undefined || cluster.status.state === 'connected';
  };

  let content;
  if (!client && !clustersLoaded) {
    content = <EmptyState kind="offline" title="Not connected to the Bosun core" />;
  } else if (!clustersLoaded || !pods.loaded) {
    content = <EmptyState kind="loading" busy title="Reading Kubernetes clusters…" />;
  } else if (clusters.length === 0) {
    content = (
      <EmptyState kind="no-cluster" title="No Kubernetes cluster found">
        <p>
          Bosun reads the contexts of the files in <code>KUBECONFIG</code>, else <code>~/.kube/config</code>,
          and found none. Point <code>KUBECONFIG</code> at a kubeconfig file and start Bosun again.
        </p>
      </EmptyState>
    );
  } else if (pods.error && pods.items.length === 0) {
    content = (
      <EmptyState
        kind="error"
        title="The pods could not be read"
        actions={
          <button type="button" className="button" onClick={() => podsStore.reload()}>
            Try again
          </button>
        }
      >
        <p>{pods.error.message}</p>
      </EmptyState>
    );
  } else if (pods.items.length === 0) {
    content = (
      <EmptyState kind="empty" title="No pods">
        <p>The clusters above have no pods in the namespaces Bosun watches, or say why not.</p>
      </EmptyState>
    );
  } else if (shown.length === 0) {
    content = (
      <EmptyState
        kind="no-match"
        title={`No pod matches “${deferredQuery.trim()}”`}
        actions={
          <button type="button" className="button" onClick={() => setQuery('')}>
            Clear filter
          </button>
        }
      />
    );
  } else {
    content = (
      <PodsTable
        items={shown}
        clusterName={clusterName}
        sort={sort}
        onSort={(column) => setSort((s) => nextPodSort(s, column))}
        stale={stale}
      />
    );
  }

  return (
    <section className="containers kube" aria-labelledby="pods-title">
      <header className="containers-toolbar">
        <h1 id="pods-title" className="containers-title">
          Pods
        </h1>
        <FilterBox
          value={query}
          onChange={setQuery}
          shown={shown.length}
          total={pods.loaded ? pods.items.length : undefined}
          texts={FILTER_TEXTS}
        />
      </header>
      {clustersError || (pods.error && pods.items.length > 0) ? (
        <div className="containers-banners">
          <Banner
            tone="danger"
            title="What is shown may be out of date"
            actions={
              <button
                type="button"
                className="button"
                onClick={() => {
                  clustersStore.reload();
                  podsStore.reload();
                }}
              >
                Try again
              </button>
            }
          >
            {(clustersError ?? pods.error)?.message}
          </Banner>
        </div>
      ) : null}
      {clusters.length > 0 || orphanFailures.length > 0 ? (
        <div className="kube-clusters" data-testid="kube-clusters">
          {clusters.map((cluster) => (
            <ClusterHeader
              key={cluster.id}
              cluster={cluster}
              problem={clusterProblem(cluster, failures.get(cluster.id))}
              pods={perCluster.get(cluster.id) ?? 0}
              store={clustersStore}
              onRetry={retry}
            />
          ))}
          {orphanFailures.map((failure) => (
            <Banner
              key={failure.clusterId}
              tone="warning"
              testId="unavailable-banner"
              title={failure.clusterId}
            >
              {failure.message}
            </Banner>
          ))}
        </div>
      ) : null}
      <PortForwardsStrip store={forwardsStore} />
      <div id="pods-region" className="containers-content">
        <PortForwardsContext.Provider value={forwardsStore}>{content}</PortForwardsContext.Provider>
      </div>
    </section>
  );
}
