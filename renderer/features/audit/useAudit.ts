import { useCallback, useEffect, useState } from 'react';
import type { ContainerAudit, ContainerRow } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export interface AuditState {
  /** The latest answer, kept on screen while a newer one is read. */
  readonly result: ContainerAudit | undefined;
  readonly error: AppError | undefined;
  readonly reading: boolean;
  /** Reads the findings again (after fixing something, or to see drift). */
  refresh(): void;
}

/** A new state or name means the container was recreated, started or stopped: worth a new audit. */
function versionOf(row: ContainerRow): string {
  return [row.state, row.name].join('\u0000');
}

/** audit.container for the row shown, again when the container changes or on request. */
export function useAudit(row: ContainerRow): AuditState {
  const client = useClient();
  const [round, setRound] = useState(0);
  const request = [row.connectionId, row.id, versionOf(row), round].join('\u0001');
  const [answer, setAnswer] = useState<{
    request: string | undefined;
    result: ContainerAudit | undefined;
    error: AppError | undefined;
  }>({ request: undefined, result: undefined, error: undefined });

  useEffect(() => {
    if (!client) return;
    let current = true;
    client.call('audit.container', { connectionId: row.connectionId, containerId: row.id }).then(
      (result) => {
        if (current) setAnswer({ request, result, error: undefined });
      },
      (error: unknown) => {
        if (!current) return;
        const failure = isAppError(error) ? error : new AppError('INTERNAL', 'The audit failed.');
        setAnswer((previous) => ({ request, result: previous.result, error: failure }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, request, row.connectionId, row.id]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const result = answer.result?.containerId === row.id ? answer.result : undefined;
  return { result, error: answer.error, reading: answer.request !== request, refresh };
}
