import type { ContainerItem } from './containers-store';
import { formatPorts } from '../../../electron/shared/format/ports';

/** Connection id → the name people gave it. */
export type ConnectionNames = ReadonlyMap<string, string>;

interface Indexed {
  readonly connectionName: string;
  readonly text: string;
}

// Rows are immutable and replaced when they change, so their search text can be kept per row object.
const index = new WeakMap<ContainerItem, Indexed>();

function searchText(item: ContainerItem, connectionName: string): string {
  const cached = index.get(item);
  if (cached && cached.connectionName === connectionName) return cached.text;
  const { row } = item;
  const ports = formatPorts(row.ports);
  const text = [
    row.name,
    row.image,
    row.state,
    row.health ?? '',
    row.status,
    row.composeProject ?? '',
    row.composeService ?? '',
    connectionName,
    ...ports,
    // People type "8080->80" as often as they copy "8080→80".
    ...ports.map((p) => p.replace('→', '->')),
  ]
    .join('\n')
    .toLowerCase();
  index.set(item, { connectionName, text });
  return text;
}

/** Terms separated by spaces; every term must match (a field contains it, or the id starts with it). */
export function parseQuery(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * `health:unhealthy`, `state:exit` and `project:shop` match that field only (its start), so "health:"
 * terms do not also hit a container whose name says "healthy".
 */
const FIELD_TERMS: Record<string, (item: ContainerItem) => string> = {
  health: (item) => item.row.health ?? 'none',
  state: (item) => item.row.state,
  project: (item) => (item.row.composeProject ?? '').toLowerCase(),
};

function fieldMatch(item: ContainerItem, term: string): boolean | undefined {
  const colon = term.indexOf(':');
  if (colon <= 0) return undefined;
  const field = FIELD_TERMS[term.slice(0, colon)];
  return field ? field(item).startsWith(term.slice(colon + 1)) : undefined;
}

export function filterItems(
  items: readonly ContainerItem[],
  query: string,
  names: ConnectionNames,
): readonly ContainerItem[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return items;
  return items.filter((item) => {
    const text = searchText(item, names.get(item.row.connectionId) ?? item.row.connectionId);
    return terms.every(
      (term) => fieldMatch(item, term) ?? (text.includes(term) || item.row.id.startsWith(term)),
    );
  });
}
