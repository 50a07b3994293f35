import type { ImageRow } from '../../../electron/shared/contract';
import { filterByWords } from '../resources/filter-words';

/** How the list names an image: its names, or `<none>` with a short id. */
export function imageLabel(row: Pick<ImageRow, 'id' | 'repoTags'>): string {
  return row.repoTags[0] ?? `<none> ${shortId(row.id)}`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Every word must match a name, the id or a container using it (case-insensitive). */
export function filterImages(rows: readonly ImageRow[], query: string): readonly ImageRow[] {
  return filterByWords(rows, query, (row) => [
    ...row.repoTags,
    row.id,
    ...row.containers.map((c) => c.name),
    row.dangling ? '<none> dangling' : '',
  ]);
}

/** Running, paused or restarting: a container the engine will not let an image go from. */
export function isLive(state: string): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}
