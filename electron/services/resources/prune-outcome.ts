import type { PruneItem } from '../../shared/contract';

const KEPT =
  'Not removed: the engine kept it (a container may have started using it, or it changed since the list).';

/**
 * The plan the user confirmed, settled against what the engine's prune removed: each planned item
 * says whether it went; whatever the engine removed beyond the plan (it became unused meanwhile) is
 * listed after, so the result never hides a loss.
 */
export function settlePlan(
  planned: readonly PruneItem[],
  removed: (item: PruneItem) => boolean,
  beyond: readonly PruneItem[],
): PruneItem[] {
  return [
    ...planned.map((item) => ({
      ...item,
      outcome: removed(item) ? { ok: true, message: 'removed' } : { ok: false, message: KEPT },
    })),
    ...beyond.map((item) => ({
      ...item,
      outcome: { ok: true, message: 'removed too: it became unused after the list was read' },
    })),
  ];
}

export function sumSizes(items: readonly PruneItem[]): number {
  return items.reduce((sum, item) => sum + (item.size ?? 0), 0);
}
