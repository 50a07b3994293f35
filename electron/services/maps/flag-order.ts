import type { MapFlag } from '../../shared/contract';

const ORDER: readonly MapFlag['severity'][] = ['critical', 'high', 'medium', 'low', 'info'];

/** Most severe first, then by title, so a map reads the same on every read. */
export function sortFlags(flags: MapFlag[]): MapFlag[] {
  return flags.sort(
    (a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.title.localeCompare(b.title),
  );
}
