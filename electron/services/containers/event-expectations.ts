import type { ContainerRow } from '../../shared/contract';

type Seen = ContainerRow['state'] | 'gone';

// What a list must show after an event. The engine logs some events (pause, unpause, …) a moment
// before the state its list reads from is updated, so a re-read right after the event can be stale.
const EXPECTED: Record<string, readonly Seen[]> = {
  create: ['created'],
  start: ['running'],
  restart: ['running'],
  unpause: ['running'],
  pause: ['paused'],
  die: ['exited', 'dead', 'restarting'],
  stop: ['exited', 'dead', 'restarting'],
  destroy: ['gone'],
};

/**
 * What the row must show after the event, when a re-read contradicts it (undefined when it agrees).
 * The event is the engine's own word, so the cache trusts it over a list that has not caught up.
 */
export function contradiction(action: string, row: ContainerRow | undefined): Seen | undefined {
  const expected = EXPECTED[action];
  if (!expected || expected.includes(row?.state ?? 'gone')) return undefined;
  return expected[0];
}

/** Delays of the re-reads after a contradicting answer; then the answer stands until the next event. */
export const RECHECK_DELAYS_MS = [10, 25, 50, 100, 250] as const;
