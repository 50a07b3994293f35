import type { Cluster, PodRow } from '../../shared/contract';
import type { Client } from '../../shared/rpc/client';
import type { Contract } from '../../shared/contract';
import { openLocalCore } from '../local-core';
import { CliFailure, printJson } from '../output';
import { printable } from '../printable';
import { renderTable } from '../table';
import { kubeAge } from '../../shared/format/kube-age';

export interface PodsOptions {
  readonly context?: string;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly json?: boolean;
}

/** How long `bosun pods` waits for clusters to connect before it reports the ones still connecting. */
const SETTLE_MS = 10_000;

async function settledClusters(client: Client<Contract>): Promise<Cluster[]> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const clusters = await client.call('kube.clusters.list', {});
    if (!clusters.some((c) => c.status.state === 'connecting') || Date.now() > deadline) return clusters;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function formatPods(
  rows: readonly PodRow[],
  clusterName: (id: string) => string,
  withCluster: boolean,
  now: number,
): string {
  const headers = [
    ...(withCluster ? ['CLUSTER'] : []),
    'NAMESPACE',
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
  ];
  const cells = rows.map((row) => [
    ...(withCluster ? [clusterName(row.clusterId)] : []),
    row.namespace,
    row.name,
    row.ready,
    row.status,
    row.lastRestartAt !== undefined
      ? `${row.restarts} (${kubeAge(now - row.lastRestartAt)} ago)`
      : String(row.restarts),
    kubeAge(now - row.createdAt),
  ]);
  return renderTable(headers, cells);
}

/**
 * `bosun pods`: the pods of every kubeconfig context (or one, --context), like `kubectl get pods`: the
 * context's namespace unless -n or -A.
 */
export async function podsCommand(options: PodsOptions): Promise<void> {
  if (options.namespace && options.allNamespaces)
    throw new CliFailure('Give either -n NAMESPACE or -A (all namespaces), not both.', 1);
  const core = await openLocalCore({ settleMs: 0 });
  let clusters: Cluster[];
  let result;
  try {
    clusters = await settledClusters(core.client);
    const chosen = options.context
      ? clusters.filter((c) => c.context === options.context)
      : clusters.filter((c) => c.context);
    if (options.context && chosen.length === 0) {
      const known = clusters.map((c) => c.context).filter(Boolean);
      throw new CliFailure(
        `No context "${options.context}" in your kubeconfig${known.length ? ` (known: ${known.join(', ')})` : ''}.`,
        1,
      );
    }
    for (const broken of clusters.filter((c) => !c.context))
      console.error(
        printable(`bosun: ${broken.status.reason ?? broken.name} ${broken.status.hint ?? ''}`.trim()),
      );
    if (chosen.length === 0)
      throw new CliFailure(
        'No Kubernetes context found. Set KUBECONFIG or create ~/.kube/config (kubectl config).',
        1,
      );
    result = await core.client.call('kube.pods.list', {
      clusterIds: chosen.map((c) => c.id),
      ...(options.namespace ? { namespaces: [options.namespace] } : {}),
    });
    const namespaceOf = new Map(chosen.map((c) => [c.id, c.namespace ?? 'default']));
    const rows =
      options.namespace || options.allNamespaces
        ? result.rows
        : result.rows.filter((row) => row.namespace === namespaceOf.get(row.clusterId));
    const names = new Map(clusters.map((c) => [c.id, c.name]));
    if (options.json) printJson(rows);
    else if (rows.length === 0 && result.failures.length < chosen.length) console.error('No pods found.');
    else console.log(formatPods(rows, (id) => names.get(id) ?? id, chosen.length > 1, Date.now()));
    for (const failure of result.failures)
      console.error(
        printable(`bosun: ${names.get(failure.clusterId) ?? failure.clusterId}: ${failure.message}`),
      );
    if (result.failures.length === chosen.length)
      throw new CliFailure('No cluster could be reached, so there is nothing to list (reasons above).', 1);
  } finally {
    await core.close();
  }
}
