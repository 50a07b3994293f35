import type { Connection } from '../../../electron/shared/contract';
import type { ConnectionFailure } from './containers-store';

export interface EngineProblem {
  readonly connectionId: string;
  readonly name: string;
  readonly endpoint: string | undefined;
  readonly reason: string;
  readonly hint: string | undefined;
  /**
   * Whether a Retry can help. False for engines the core never dials (an SSH endpoint, a broken
   * context file): only changing what the hint names can.
   */
  readonly retryable: boolean;
}

/**
 * Every engine whose containers are missing from the list, and why: unavailable connections (the core's
 * reason and hint) and connected ones whose list failed. One entry per engine, never a silent gap.
 */
export function engineProblems(
  connections: readonly Connection[],
  failures: readonly ConnectionFailure[],
): EngineProblem[] {
  const problems: EngineProblem[] = [];
  const byId = new Map(connections.map((c) => [c.id, c]));
  for (const connection of connections) {
    if (connection.status.state !== 'unavailable') continue;
    problems.push({
      connectionId: connection.id,
      name: connection.name,
      endpoint: connection.endpoint,
      reason: connection.status.reason ?? 'The engine cannot be reached.',
      hint: connection.status.hint,
      retryable: connection.status.retryable,
    });
  }
  for (const failure of failures) {
    const connection = byId.get(failure.connectionId);
    if (connection?.status.state === 'unavailable') continue;
    problems.push({
      connectionId: failure.connectionId,
      name: connection?.name ?? failure.connectionId,
      endpoint: connection?.endpoint,
      reason: failure.message,
      hint: connection?.status.hint,
      // A connected engine whose list failed: reading again may well work.
      retryable: connection?.status.retryable ?? true,
    });
  }
  return problems;
}
