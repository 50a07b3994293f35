import type { VolumeRow } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
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

type Sized = VolumeRow & { size?: number | null };

export function formatVolumes(rows: readonly Sized[], withSize: boolean): string {
  const headers = ['VOLUME NAME', 'DRIVER', 'USED BY', ...(withSize ? ['SIZE'] : []), 'HOST'];
  return renderTable(
    headers,
    rows.map((row) => [
      row.name,
      row.driver,
      row.usedBy.map((c) => c.name).join(', ') || '-',
      ...(withSize ? [row.size === undefined || row.size === null ? 'unknown' : formatSize(row.size)] : []),
      row.connectionId,
    ]),
  );
}

/** `bosun volumes [--size]`: volumes with the containers mounting them; sizes only when asked (slow). */
export function volumesCommand(options: ListOptions & { readonly size?: boolean }): Promise<void> {
  return listAcross<Sized>(
    options,
    async (client, connectionIds) => {
      const listed = await client.call('volumes.list', { connectionIds });
      if (!options.size) return listed;
      const answered = [...new Set(listed.rows.map((row) => row.connectionId))];
      const sizes = new Map<string, number | null>();
      for (const connectionId of answered) {
        const { volumes } = await client.call('volumes.usage', { connectionId }, { timeoutMs: 200_000 });
        for (const v of volumes) sizes.set(`${connectionId}/${v.name}`, v.size);
      }
      return {
        ...listed,
        rows: listed.rows.map((row) => ({
          ...row,
          size: sizes.get(`${row.connectionId}/${row.name}`) ?? null,
        })),
      };
    },
    (rows) => formatVolumes(rows, options.size === true),
  );
}

/** `bosun volume rm VOLUME…`: refused while a container (even a stopped one) mounts it. */
export async function volumeRemoveCommand(
  names: readonly string[],
  options: { readonly host?: string; readonly json?: boolean },
): Promise<void> {
  const core = await openLocalCore();
  const results = [];
  try {
    const byHost = await resolveOnHosts(
      core.client,
      options.host,
      names,
      'volume',
      async (name, connectionIds) => {
        const { rows } = await core.client.call('volumes.list', { connectionIds });
        return rows.filter((row) => row.name === name).map((row) => row.connectionId);
      },
    );
    for (const [connectionId, group] of byHost)
      results.push(...(await core.client.call('volumes.remove', { connectionId, names: group })).results);
  } finally {
    await core.close();
  }
  printResults(results, options.json);
}

/** `bosun volume prune [-a] [--filter label=…] [--force]`. */
export function volumePruneCommand(options: PruneOptions & { readonly all?: boolean }): Promise<void> {
  const label = labelOf(options.filter);
  return pruneCommand(options, 'volumes', (client, connectionId, dryRun) =>
    client.call(
      'volumes.prune',
      { connectionId, dryRun, all: options.all === true, ...(label ? { label } : {}) },
      { timeoutMs: 620_000 },
    ),
  );
}
