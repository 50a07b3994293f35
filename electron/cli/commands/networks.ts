import type { NetworkRow } from '../../shared/contract';
import { openLocalCore } from '../local-core';
import { renderTable } from '../table';
import {
  labelOf,
  listAcross,
  printResults,
  pruneCommand,
  resolveOnHosts,
  type ListOptions,
  type PruneOptions,
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
export async function networkRemoveCommand(
  refs: readonly string[],
  options: { readonly host?: string; readonly json?: boolean },
): Promise<void> {
  const core = await openLocalCore();
  const results = [];
  try {
    const byHost = await resolveOnHosts(
      core.client,
      options.host,
      refs,
      'network',
      async (ref, connectionIds) => {
        const { rows } = await core.client.call('networks.list', { connectionIds });
        const found = rows.filter(
          (row) =>
            row.name === ref || row.id === ref || (/^[a-f0-9]{3,}$/.test(ref) && row.id.startsWith(ref)),
        );
        return [...new Set(found.map((row) => row.connectionId))];
      },
    );
    for (const [connectionId, group] of byHost)
      results.push(...(await core.client.call('networks.remove', { connectionId, ids: group })).results);
  } finally {
    await core.close();
  }
  printResults(results, options.json);
}

/** `bosun network prune [--filter label=…] [--force]`. */
export function networkPruneCommand(options: PruneOptions): Promise<void> {
  const label = labelOf(options.filter);
  return pruneCommand(options, 'networks', (client, connectionId, dryRun) =>
    client.call('networks.prune', { connectionId, dryRun, ...(label ? { label } : {}) }),
  );
}
