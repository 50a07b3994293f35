import type { TableEntry } from '../containers/group-rows';

const SAMPLED = new Set(['running', 'paused']);

/**
 * The containers a virtual table shows right now and that have stats (running or paused): the rows
 * in the visible range, not the overscan the virtualizer renders around it.
 */
export function visibleStatsKeys(
  virtual: readonly { readonly index: number }[],
  range: { readonly startIndex: number; readonly endIndex: number } | null,
  entries: readonly TableEntry[],
): string[] {
  const keys: string[] = [];
  for (const { index } of virtual) {
    if (range && (index < range.startIndex || index > range.endIndex)) continue;
    const entry = entries[index];
    if (entry?.kind === 'row' && SAMPLED.has(entry.item.row.state)) keys.push(entry.key);
  }
  return keys;
}
