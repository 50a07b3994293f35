import type { FileEntry } from '../../../electron/shared/contract';

export type EntrySortColumn = 'name' | 'size' | 'mtime';

export interface EntrySort {
  readonly column: EntrySortColumn;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_ENTRY_SORT: EntrySort = { column: 'name', direction: 'asc' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A symlink sorts with the files: whether it leads to a folder is known only once it is followed. */
function isFolder(entry: FileEntry): boolean {
  return entry.type === 'dir';
}

function compare(a: FileEntry, b: FileEntry, column: EntrySortColumn): number {
  if (column === 'size') return (a.size ?? -1) - (b.size ?? -1);
  if (column === 'mtime') return (a.mtime ?? -1) - (b.mtime ?? -1);
  return collator.compare(a.name, b.name);
}

/** A new array: folders first whatever the order, then by the column; ties go by name. */
export function sortEntries(entries: readonly FileEntry[], sort: EntrySort): FileEntry[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    const folders = Number(isFolder(b)) - Number(isFolder(a));
    if (folders !== 0) return folders;
    const byColumn = compare(a, b, sort.column) * sign;
    return byColumn !== 0 ? byColumn : collator.compare(a.name, b.name);
  });
}

/** Clicking a column sorts by it; clicking it again flips the direction. Sizes and times start largest/newest. */
export function nextSort(current: EntrySort, column: EntrySortColumn): EntrySort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'name' ? 'asc' : 'desc' };
}
