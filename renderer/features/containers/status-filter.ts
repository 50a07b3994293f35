import type { ContainerItem } from './containers-store';
import { isUp } from './lifecycle-actions';

export type StatusFilter = 'all' | 'running' | 'stopped' | 'unhealthy' | 'healthy' | 'starting';

export const STATUS_FILTERS: ReadonlyArray<{ readonly id: StatusFilter; readonly label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'running', label: 'Running' },
  { id: 'stopped', label: 'Stopped' },
  { id: 'unhealthy', label: 'Unhealthy' },
  { id: 'healthy', label: 'Healthy' },
  { id: 'starting', label: 'Starting' },
];

/** Running means up (paused and restarting too, as `docker ps` lists them); stopped is everything else. */
export function matchesStatus(item: ContainerItem, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'running':
      return isUp(item.row.state);
    case 'stopped':
      return !isUp(item.row.state);
    default:
      return item.row.health === filter;
  }
}

export function filterByStatus(
  items: readonly ContainerItem[],
  filter: StatusFilter,
): readonly ContainerItem[] {
  return filter === 'all' ? items : items.filter((item) => matchesStatus(item, filter));
}

/** How many of `items` each chip would show, for the counts on the chips. */
export function countByStatus(items: readonly ContainerItem[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = {
    all: items.length,
    running: 0,
    stopped: 0,
    unhealthy: 0,
    healthy: 0,
    starting: 0,
  };
  for (const item of items) {
    counts[isUp(item.row.state) ? 'running' : 'stopped']++;
    if (item.row.health) counts[item.row.health]++;
  }
  return counts;
}
