import type { NetworkContainer, NetworkRow, PruneItem } from '../../shared/contract';
import type { NetworkAttachment, NetworkSummary } from './networks-engine';

/** The engine's own networks: it creates them at start and refuses to remove them. */
export const BUILT_IN_NETWORKS: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

export function toNetworkRows(
  connectionId: string,
  networks: readonly NetworkSummary[],
  attachments: readonly NetworkAttachment[],
): NetworkRow[] {
  const byNetwork = new Map<string, NetworkContainer[]>();
  for (const { networkId, ...container } of attachments) {
    byNetwork.set(networkId, [...(byNetwork.get(networkId) ?? []), container]);
  }
  return networks.map((network) => ({
    connectionId,
    ...network,
    labels: { ...network.labels },
    options: { ...network.options },
    subnets: network.subnets.map((s) => ({ ...s })),
    builtIn: BUILT_IN_NETWORKS.has(network.name),
    containers: byNetwork.get(network.id) ?? [],
  }));
}

/** The network a reference names: its id, an id prefix, or its name. */
export function findNetwork(rows: readonly NetworkRow[], ref: string): NetworkRow | undefined {
  return (
    rows.find((row) => row.id === ref) ??
    rows.find((row) => row.name === ref) ??
    (/^[a-f0-9]{3,64}$/.test(ref) ? rows.find((row) => row.id.startsWith(ref)) : undefined)
  );
}

export function toNetworkPruneItem(row: NetworkRow): PruneItem {
  return { id: row.id, name: row.name, size: null };
}

/** Containers only set to join the network (stopped): removing it keeps them from starting. */
export function configuredOnly(row: NetworkRow): NetworkContainer[] {
  return row.containers.filter((c) => !c.attached);
}
