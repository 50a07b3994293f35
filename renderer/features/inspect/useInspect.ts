import { useEffect, useState } from 'react';
import type { ContainerRow, InspectResult } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export interface InspectState {
  /** The latest answer, kept on screen while a newer one is read (never a revealed one once hidden). */
  readonly result: InspectResult | undefined;
  readonly error: AppError | undefined;
  readonly reading: boolean;
}

interface Answer {
  /** The request this answers; another one means a read is under way. */
  readonly request: string | undefined;
  readonly result: InspectResult | undefined;
  readonly error: AppError | undefined;
}

/**
 * What makes a new read worth it: the list re-reads a row only when an engine event says it changed,
 * so a new state, status, health or name means the container did something. Nothing polls.
 */
function versionOf(row: ContainerRow): string {
  return [row.state, row.status, row.health ?? '', row.name].join('\u0000');
}

/** containers.inspect for the row shown, again whenever the container changes or the link comes back. */
export function useInspect(row: ContainerRow, reveal: boolean): InspectState {
  const client = useClient();
  const request = [row.connectionId, row.id, versionOf(row), reveal].join('\u0001');
  const [answer, setAnswer] = useState<Answer>({ request: undefined, result: undefined, error: undefined });

  useEffect(() => {
    if (!client) return;
    let current = true;
    client.call('containers.inspect', { connectionId: row.connectionId, containerId: row.id, reveal }).then(
      (result) => {
        if (current) setAnswer({ request, result, error: undefined });
      },
      (error: unknown) => {
        if (!current) return;
        const failure = isAppError(error) ? error : new AppError('INTERNAL', 'Reading the container failed.');
        setAnswer((previous) => ({ request, result: previous.result, error: failure }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, request, row.connectionId, row.id, reveal]);

  // Hiding secrets takes them off the screen at once, not when the masked answer arrives.
  const result = answer.result?.revealed && !reveal ? undefined : answer.result;
  return { result, error: answer.error, reading: answer.request !== request };
}
