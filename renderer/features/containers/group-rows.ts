import type { ContainerItem } from './containers-store';
import type { ConnectionNames } from './filter';
import { isUp } from './lifecycle-actions';

/** A compose project on one engine: a header row in the table. */
export interface GroupEntry {
  readonly kind: 'group';
  /** `group:${connectionId}/${project}`, or `group:none` for the containers of no project. */
  readonly key: string;
  /** Undefined for the containers that belong to no project. */
  readonly project: string | undefined;
  readonly connectionId: string | undefined;
  /** The group's rows that the filter shows, in the table's order (what its checkbox selects). */
  readonly shownKeys: readonly string[];
  /** Every container of the project on that engine, filter or not: what project actions act on. */
  readonly members: readonly ContainerItem[];
  readonly running: number;
  readonly collapsed: boolean;
}

export interface RowEntry {
  readonly kind: 'row';
  readonly key: string;
  readonly item: ContainerItem;
}

export type TableEntry = GroupEntry | RowEntry;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const NONE = 'group:none';

function groupKey(item: ContainerItem): string {
  const project = item.row.composeProject;
  return project ? `group:${item.row.connectionId}/${project}` : NONE;
}

function bucket(
  items: readonly ContainerItem[],
  wanted: (key: string) => boolean,
): Map<string, ContainerItem[]> {
  const groups = new Map<string, ContainerItem[]>();
  for (const item of items) {
    const key = groupKey(item);
    if (!wanted(key)) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function rowEntries(items: readonly ContainerItem[]): TableEntry[] {
  return items.map((item) => ({ kind: 'row', key: item.key, item }));
}

/**
 * The shown rows under a header per compose project and engine (projects by name, then engine; the
 * containers of no project last), each group in the table's own order. Counts and project actions
 * cover the whole project (`all`), not only what the filter lets through.
 */
export function groupRows(
  shown: readonly ContainerItem[],
  all: readonly ContainerItem[],
  names: ConnectionNames,
  collapsed: ReadonlySet<string>,
): TableEntry[] {
  const shownByGroup = bucket(shown, () => true);
  const membersByGroup = bucket(all, (key) => shownByGroup.has(key));
  const engine = (id: string | undefined): string => (id ? (names.get(id) ?? id) : '');
  const order = [...shownByGroup.entries()].sort(([ka, a], [kb, b]) => {
    if (ka === NONE || kb === NONE) return Number(ka === NONE) - Number(kb === NONE);
    const ra = a[0]!.row;
    const rb = b[0]!.row;
    return (
      collator.compare(ra.composeProject ?? '', rb.composeProject ?? '') ||
      collator.compare(engine(ra.connectionId), engine(rb.connectionId))
    );
  });
  const entries: TableEntry[] = [];
  for (const [key, items] of order) {
    const members = membersByGroup.get(key) ?? items;
    const first = items[0]!.row;
    const isCollapsed = collapsed.has(key);
    entries.push({
      kind: 'group',
      key,
      project: key === NONE ? undefined : first.composeProject,
      connectionId: key === NONE ? undefined : first.connectionId,
      shownKeys: items.map((item) => item.key),
      members,
      running: members.filter((item) => isUp(item.row.state)).length,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) entries.push(...rowEntries(items));
  }
  return entries;
}
