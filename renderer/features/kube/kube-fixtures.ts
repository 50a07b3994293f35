import type { Cluster, PodRow } from '../../../electron/shared/contract';
import type { FakeCore } from '../../test/fake-core';

export function makeCluster(overrides: Partial<Cluster> & { id: string }): Cluster {
  return {
    name: overrides.id.replace(/^kube-/, ''),
    context: overrides.id.replace(/^kube-/, ''),
    server: 'https://127.0.0.1:6443',
    user: 'admin',
    current: false,
    file: '/home/me/.kube/config',
    namespaces: null,
    status: { state: 'connected', since: 1_700_000_000_000, version: 'v1.30.0', retryable: true },
    ...overrides,
  };
}

let serial = 0;

export function makePod(overrides: Partial<PodRow> & { name: string; clusterId: string }): PodRow {
  serial += 1;
  return {
    namespace: 'default',
    uid: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    phase: 'Running',
    ready: '1/1',
    restarts: 0,
    createdAt: Date.now() - 5 * 60_000,
    status: 'Running',
    node: 'node-1',
    podIP: '10.0.0.5',
    containers: [{ name: 'main', image: 'local/busybox:1' }],
    labels: {},
    deleting: false,
    ...overrides,
  };
}

/** The kube side of a fake core: clusters and pods in plain arrays the test edits. */
export function fakeKube(core: FakeCore, clusters: Cluster[], pods: PodRow[]) {
  const state = { clusters, pods, failing: new Map<string, string>() };
  core.handle('kube.clusters.list', () => state.clusters);
  core.handle('kube.pods.list', ({ clusterIds, uids }) => {
    const wanted = (id: string): boolean => !clusterIds || clusterIds.includes(id);
    return {
      rows: state.pods.filter(
        (p) => wanted(p.clusterId) && !state.failing.has(p.clusterId) && (!uids || uids.includes(p.uid)),
      ),
      failures: [...state.failing]
        .filter(([id]) => wanted(id))
        .map(([clusterId, message]) => ({ clusterId, code: 'UNAVAILABLE', message })),
    };
  });
  return state;
}
