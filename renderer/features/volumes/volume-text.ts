import type { VolumeRow, VolumeUsage } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';
import { filterByWords } from '../resources/filter-words';

/** Size as the list shows it: not measured yet, unknown to the engine, or the bytes. */
export function volumeSize(usage: VolumeUsage | undefined): string {
  if (!usage) return '—';
  return usage.size === null ? 'size unknown' : formatSize(usage.size);
}

/** Every word must match the name, driver, anonymous/named, a container mounting it, or a label. */
export function filterVolumes(rows: readonly VolumeRow[], query: string): readonly VolumeRow[] {
  return filterByWords(rows, query, (row) => [
    row.name,
    row.driver,
    row.anonymous ? 'anonymous' : 'named',
    ...row.usedBy.map((c) => c.name),
    ...Object.entries(row.labels).map(([k, v]) => `${k}=${v}`),
  ]);
}
