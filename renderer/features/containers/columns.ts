import type { SortColumn } from './sort';

export type Column =
  | { readonly id: SortColumn; readonly label: string; readonly sortable?: true }
  /** Live stats: only rows on screen are sampled, so the table cannot sort by them. */
  | { readonly id: 'stats'; readonly label: string; readonly sortable: false };

/** The table's columns, in order; their widths live in containers.css (.ct-grid). */
export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name' },
  { id: 'image', label: 'Image' },
  { id: 'state', label: 'State' },
  { id: 'status', label: 'Status' },
  { id: 'stats', label: 'CPU / Mem', sortable: false },
  { id: 'ports', label: 'Ports' },
  { id: 'project', label: 'Project' },
  { id: 'connection', label: 'Engine' },
];
