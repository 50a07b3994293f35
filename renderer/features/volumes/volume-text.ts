import type { VolumeRow, VolumeUsage } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';

/** Size as the list shows it: not measured yet, unknown to the engine, or the bytes. */
export function volumeSize(usage: VolumeUsage | undefined): string {
  if (!usage) return '—';
  return usage.size === null ? 'size unknown' : formatSize(usage.size);
}

export function filterVolumes(rows: readonly VolumeRow[], query: string): readonly VolumeRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = [
      row.name,
      row.driver,
      row.anonymous ? 'anonymous' : 'named',
      ...row.usedBy.map((c) => c.name),
      ...Object.entries(row.labels).map(([k, v]) => `${k}=${v}`),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
