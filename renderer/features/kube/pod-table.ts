import type { PodItem } from './pods-store';
import { podTone, TONE_RANK } from './pod-status';

export type PodColumn =
  'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'node' | 'ip' | 'owner' | 'cluster';

export interface PodSort {
  readonly column: PodColumn;
  readonly direction: 'asc' | 'desc';
}

/** The table's columns, in order; their widths live in kube.css (.kp-grid). */
export const POD_COLUMNS: readonly { readonly id: PodColumn; readonly label: string }[] = [
  { id: 'namespace', label: 'Namespace' },
  { id: 'name', label: 'Name' },
  { id: 'ready', label: 'Ready' },
  { id: 'status', label: 'Status' },
  { id: 'restarts', label: 'Restarts' },
  { id: 'age', label: 'Age' },
  { id: 'node', label: 'Node' },
  { id: 'ip', label: 'IP' },
  { id: 'owner', label: 'Owner' },
  { id: 'cluster', label: 'Cluster' },
];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** "1/2" → 0.5, so half-ready pods sort between none and all. */
function readyRatio(ready: string): number {
  const [a, b] = ready.split('/').map(Number);
  return b ? (a ?? 0) / b : 0;
}

/** Dotted IPv4 compared numerically; anything else after it, by text. */
function ipKey(ip: string | undefined): string {
  if (!ip) return '';
  const parts = ip.split('.');
  return parts.length === 4 ? parts.map((p) => p.padStart(3, '0')).join('.') : ip;
}

type Compare = (a: PodItem, b: PodItem, clusterName: (id: string) => string) => number;

const COMPARE: Record<PodColumn, Compare> = {
  namespace: (a, b) => collator.compare(a.row.namespace, b.row.namespace),
  name: (a, b) => collator.compare(a.row.name, b.row.name),
  ready: (a, b) => readyRatio(a.row.ready) - readyRatio(b.row.ready),
  status: (a, b) =>
    TONE_RANK[podTone(a.row)] - TONE_RANK[podTone(b.row)] || collator.compare(a.row.status, b.row.status),
  restarts: (a, b) => a.row.restarts - b.row.restarts,
  // Youngest first reads like "what just happened": ascending age is descending creation time.
  age: (a, b) => b.row.createdAt - a.row.createdAt,
  node: (a, b) => collator.compare(a.row.node ?? '', b.row.node ?? ''),
  ip: (a, b) => {
    const x = ipKey(a.row.podIP);
    const y = ipKey(b.row.podIP);
    return x === y ? 0 : x < y ? -1 : 1;
  },
  owner: (a, b) =>
    collator.compare(
      a.row.owner ? `${a.row.owner.kind}/${a.row.owner.name}` : '',
      b.row.owner ? `${b.row.owner.kind}/${b.row.owner.name}` : '',
    ),
  cluster: (a, b, name) => collator.compare(name(a.row.clusterId), name(b.row.clusterId)),
};

/** Rows with nothing in the column (no node yet, no IP, no owner) go last whichever the direction. */
const MISSING: Partial<Record<PodColumn, (item: PodItem) => boolean>> = {
  node: (item) => !item.row.node,
  ip: (item) => !item.row.podIP,
  owner: (item) => !item.row.owner,
};

/** A new sorted array; ties fall back to namespace, name, then key, so the order never flickers. */
export function sortPods(
  items: readonly PodItem[],
  sort: PodSort,
  clusterName: (id: string) => string,
): readonly PodItem[] {
  const compare = COMPARE[sort.column];
  const missing = MISSING[sort.column] ?? (() => false);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...items].sort(
    (a, b) =>
      Number(missing(a)) - Number(missing(b)) ||
      sign * compare(a, b, clusterName) ||
      collator.compare(a.row.namespace, b.row.namespace) ||
      collator.compare(a.row.name, b.row.name) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export function nextPodSort(current: PodSort, column: PodColumn): PodSort {
  if (current.column !== column) return { column, direction: 'asc' };
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

// Rows are immutable and replaced when they change, so their search text can be kept per row object.
const index = new WeakMap<PodItem, string>();

function searchText(item: PodItem): string {
  let text = index.get(item);
  if (text === undefined) {
    const { row } = item;
    text = [
      row.namespace,
      row.name,
      row.status,
      row.node ?? '',
      row.podIP ?? '',
      row.owner ? `${row.owner.kind}/${row.owner.name}` : '',
    ]
      .join('\n')
      .toLowerCase();
    index.set(item, text);
  }
  return text;
}

/** `ns:kube-system`, `status:crash` and `node:w1` match that field only (its start). */
const FIELD_TERMS: Record<string, (item: PodItem) => string> = {
  ns: (item) => item.row.namespace,
  namespace: (item) => item.row.namespace,
  status: (item) => item.row.status.toLowerCase(),
  node: (item) => (item.row.node ?? '').toLowerCase(),
};

/** Terms separated by spaces; every term must match (any column contains it, or its field starts with it). */
export function filterPods(items: readonly PodItem[], query: string): readonly PodItem[] {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return items;
  return items.filter((item) =>
    terms.every((term) => {
      const colon = term.indexOf(':');
      const field = colon > 0 ? FIELD_TERMS[term.slice(0, colon)] : undefined;
      return field ? field(item).startsWith(term.slice(colon + 1)) : searchText(item).includes(term);
    }),
  );
}
