import type { NetworkRow } from '../../shared/contract';
import { renderTable } from '../table';
import {
  listAcross,
  pruneCommand,
  removeCommand,
  type ListOptions,
  type PruneOptions,
  type RemoveOptions,
} from './resource-cli';

export function formatNetworks(rows: readonly NetworkRow[]): string {
  return renderTable(
    ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET', 'CONTAINERS', 'HOST'],
    rows.map((row) => [
      row.id.slice(0, 12),
      row.name,
      row.driver,
      row.scope,
      row.subnets.map((s) => s.subnet).join(', ') || '-',
      row.containers
        .filter((c) => c.attached)
        .map((c) => (c.ipv4 ? `${c.name} ${c.ipv4}` : c.name))
        .join(', ') || '-',
      row.connectionId,
    ]),
  );
}

/** `bosun networks`: networks with their subnets and the running containers attached (with addresses). */
export function networksCommand(options: ListOptions): Promise<void> {
  return listAcross(
    options,
    (client, connectionIds) => client.call('networks.list', { connectionIds }),
    formatNetworks,
  );
}

/** `bosun network rm NETWORK…` (name or id). */
export function networkRemoveCommand(refs: readonly string[], options: RemoveOptions): Promise<void> {
  return removeCommand(refs, options, {
    what: 'network',
    list: (client, connectionIds) => client.call('networks.list', { connectionIds }),
    matches: (ref, row) =>
      row.name === ref || row.id === ref || (/^[a-f0-9]{3,}$/.test(ref) && row.id.startsWith(ref)),
    remove: (client, connectionId, group) => client.call('networks.remove', { connectionId, ids: group }),
  });
}

/** `bosun network prune [--filter label=…] [--force]`. */
export function networkPruneCommand(options: PruneOptions): Promise<void> {
  return pruneCommand(options, 'networks', (client, request) => client.call('networks.prune', request));
}
