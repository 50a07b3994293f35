const HANDLE_KINDS = ['PipeWrap', 'TCPWrap', 'Timeout', 'TLSWrap'];

/** The sockets, pipes and timers this process holds, by kind: a leak check compares two counts. */
export function openHandles(kinds: readonly string[] = HANDLE_KINDS): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kinds.includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * The kinds of which there are more now than in `before`: a leak. Fewer is fine (an idle keep-alive
 * socket, or a timer of an earlier test that ran out meanwhile).
 */
export function handlesGained(
  before: Record<string, number>,
  kinds: readonly string[] = HANDLE_KINDS,
): string[] {
  return Object.entries(openHandles(kinds))
    .filter(([kind, count]) => count > (before[kind] ?? 0))
    .map(([kind, count]) => `${kind}: ${before[kind] ?? 0} → ${count}`);
}
