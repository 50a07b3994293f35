import type { SortColumn } from './sort';

export interface Column {
  readonly id: SortColumn;
  readonly label: string;
}

/** The table's columns, in order; their widths live in containers.css (.ct-grid). */
export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name' },
  { id: 'image', label: 'Image' },
  { id: 'state', label: 'State' },
  { id: 'status', label: 'Status' },
  { id: 'ports', label: 'Ports' },
  { id: 'project', label: 'Project' },
  { id: 'connection', label: 'Engine' },
];
