import type { ImageRow } from '../../shared/contract';
import { formatAge, formatSize } from '../../shared/format/size';
import { renderTable } from '../table';
import {
  listAcross,
  pruneCommand,
  removeCommand,
  type ListOptions,
  type PruneOptions,
  type RemoveOptions,
} from './resource-cli';

/** One line per name, like `docker images`; a dangling image is `<none> <none>`. */
export function formatImages(rows: readonly ImageRow[], now = Date.now()): string {
  const lines = rows.flatMap((row) => {
    const names = row.repoTags.length > 0 ? row.repoTags : ['<none>:<none>'];
    return names.map((name) => {
      const at = name.lastIndexOf(':');
      return [
        name.slice(0, at),
        name.slice(at + 1),
        row.id.replace(/^sha256:/, '').slice(0, 12),
        formatAge(row.created, now),
        formatSize(row.size),
        String(row.containers.length),
        row.connectionId,
      ];
    });
  });
  return renderTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'CONTAINERS', 'HOST'], lines);
}

/** `bosun images`: the images of every connected engine, with how many containers use each. */
export function imagesCommand(options: ListOptions): Promise<void> {
  return listAcross(
    options,
    (client, connectionIds) => client.call('images.list', { connectionIds }),
    (rows) => formatImages(rows),
  );
}

function names(ref: string, row: ImageRow): boolean {
  const hex = ref.replace(/^sha256:/, '');
  if (/^[a-f0-9]{4,64}$/.test(hex) && row.id.replace(/^sha256:/, '').startsWith(hex)) return true;
  return row.repoTags.includes(ref) || row.repoTags.includes(`${ref}:latest`);
}

/** `bosun image rm [-f] IMAGE…`: by name (untags) or id, one line each with the core's words. */
export function imageRemoveCommand(
  refs: readonly string[],
  options: RemoveOptions & { readonly force?: boolean },
): Promise<void> {
  return removeCommand(refs, options, {
    what: 'image',
    list: (client, connectionIds) => client.call('images.list', { connectionIds }),
    matches: names,
    remove: (client, connectionId, group) =>
      client.call('images.remove', { connectionId, refs: group, force: options.force === true }),
  });
}

/** `bosun image prune [-a] [--filter label=…] [--force]`. */
export function imagePruneCommand(options: PruneOptions & { readonly all?: boolean }): Promise<void> {
  return pruneCommand(options, 'images', (client, request) =>
    client.call('images.prune', { ...request, all: options.all === true }),
  );
}
