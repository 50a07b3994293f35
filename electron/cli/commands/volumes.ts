import type { VolumeRow } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import { renderTable } from '../table';
import {
  listAcross,
  pruneCommand,
  removeCommand,
  type ListOptions,
  type PruneOptions,
  type RemoveOptions,
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
export function volumeRemoveCommand(names: readonly string[], options: RemoveOptions): Promise<void> {
  return removeCommand(names, options, {
    what: 'volume',
    list: (client, connectionIds) => client.call('volumes.list', { connectionIds }),
    matches: (name, row) => row.name === name,
    remove: (client, connectionId, group) => client.call('volumes.remove', { connectionId, names: group }),
  });
}

/** `bosun volume prune [-a] [--filter label=…] [--force]`. */
export function volumePruneCommand(options: PruneOptions & { readonly all?: boolean }): Promise<void> {
  // Past the core's own 600 s limit, so the core's answer (even its TIMEOUT) comes before ours.
  return pruneCommand(options, 'volumes', (client, request) =>
    client.call('volumes.prune', { ...request, all: options.all === true }),
  );
}
