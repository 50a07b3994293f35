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
  /**
   * The engine was connected and the connection was lost: Bosun retries by itself (next try at
   * `retryAt`) and its rows stay on screen as last seen.
   */
  readonly reconnecting: boolean;
  readonly retryAt?: number;
}

/** Connections whose rows are shown as last seen, not live. */
export function reconnectingIds(connections: readonly Connection[]): ReadonlySet<string> {
  return new Set(connections.filter((c) => c.status.state === 'reconnecting').map((c) => c.id));
}

function isDown(connection: Connection | undefined): boolean {
  const state = connection?.status.state;
  return state === 'unavailable' || state === 'reconnecting';
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
    if (!isDown(connection)) continue;
    const reconnecting = connection.status.state === 'reconnecting';
    problems.push({
      connectionId: connection.id,
      name: connection.name,
      endpoint: connection.endpoint,
      reason: connection.status.reason ?? 'The engine cannot be reached.',
      hint: connection.status.hint,
      retryable: connection.status.retryable,
      reconnecting,
      ...(connection.status.retry ? { retryAt: connection.status.retry.at } : {}),
    });
  }
  for (const failure of failures) {
    const connection = byId.get(failure.connectionId);
    if (isDown(connection)) continue;
    problems.push({
      connectionId: failure.connectionId,
      name: connection?.name ?? failure.connectionId,
      endpoint: connection?.endpoint,
      reason: failure.message,
      hint: connection?.status.hint,
      // A connected engine whose list failed: reading again may well work.
      retryable: connection?.status.retryable ?? true,
      reconnecting: false,
    });
  }
  return problems;
}
