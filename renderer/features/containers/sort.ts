import type { ContainerState } from '../../../electron/shared/contract';
import type { ContainerItem } from './containers-store';
import type { ConnectionNames } from './filter';
import { firstPublicPort } from '../../../electron/shared/format/ports';
import { statusSince } from './status-clock';

export type SortColumn = 'name' | 'image' | 'state' | 'status' | 'ports' | 'project' | 'connection';
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

/** Most alive first: what people look for in a list of containers. */
const STATE_RANK: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

type Compare = (a: ContainerItem, b: ContainerItem, names: ConnectionNames) => number;

const COMPARE: Record<SortColumn, Compare> = {
  name: (a, b) => collator.compare(a.row.name, b.row.name),
  image: (a, b) => collator.compare(a.row.image, b.row.image),
  state: (a, b) => STATE_RANK[a.row.state] - STATE_RANK[b.row.state],
  // Within a state, the one that changed most recently first.
  status: (a, b) =>
    STATE_RANK[a.row.state] - STATE_RANK[b.row.state] ||
    (statusSince(b.row.status, b.readAt) ?? 0) - (statusSince(a.row.status, a.readAt) ?? 0),
  ports: (a, b) => {
    const pa = firstPublicPort(a.row.ports);
    const pb = firstPublicPort(b.row.ports);
    return pa === pb ? 0 : pa < pb ? -1 : 1;
  },
  project: (a, b) => collator.compare(a.row.composeProject ?? '', b.row.composeProject ?? ''),
  connection: (a, b, names) =>
    collator.compare(
      names.get(a.row.connectionId) ?? a.row.connectionId,
      names.get(b.row.connectionId) ?? b.row.connectionId,
    ),
};

/** Rows without a value in the column (no project, no published port) go last whichever the direction. */
const MISSING: Partial<Record<SortColumn, (item: ContainerItem) => boolean>> = {
  project: (item) => !item.row.composeProject,
  ports: (item) => firstPublicPort(item.row.ports) === Number.POSITIVE_INFINITY,
};

/** A new sorted array; ties fall back to the name, then the key, so the order never flickers. */
export function sortItems(
  items: readonly ContainerItem[],
  sort: SortState,
  names: ConnectionNames,
): readonly ContainerItem[] {
  const compare = COMPARE[sort.column];
  const missing = MISSING[sort.column] ?? (() => false);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...items].sort(
    (a, b) =>
      Number(missing(a)) - Number(missing(b)) ||
      sign * compare(a, b, names) ||
      collator.compare(a.row.name, b.row.name) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Clicking the sorted column flips it; another column starts ascending. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column !== column) return { column, direction: 'asc' };
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
