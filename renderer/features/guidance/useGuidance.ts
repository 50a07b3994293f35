import { useCallback, useEffect, useState } from 'react';
import type {
  ContainerRow,
  GuidanceAnalysis,
  ReloadResult,
  RestartResult,
} from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export type RunKind = 'test' | 'reload' | 'restart';

export type RunState =
  | { readonly kind: RunKind; readonly phase: 'running'; readonly progress: string }
  | { readonly kind: 'test' | 'reload'; readonly phase: 'done'; readonly result: ReloadResult }
  | { readonly kind: 'restart'; readonly phase: 'done'; readonly result: RestartResult }
  | { readonly kind: RunKind; readonly phase: 'failed'; readonly error: AppError };

const asError = (error: unknown): AppError =>
  isAppError(error) ? error : new AppError('INTERNAL', 'The call failed.');

/** guidance.analyze for the row shown (again when its state changes), and the runs started from the tab. */
export function useGuidance(row: ContainerRow) {
  const client = useClient();
  const [analysis, setAnalysis] = useState<GuidanceAnalysis>();
  const [error, setError] = useState<AppError>();
  const [run, setRun] = useState<RunState>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!client) return;
    let current = true;
    client.call('guidance.analyze', { connectionId: row.connectionId, containerId: row.id }).then(
      (result) => {
        if (!current) return;
        setAnalysis(result);
        setError(undefined);
      },
      (failure: unknown) => {
        if (current) setError(asError(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [client, row.connectionId, row.id, row.state, generation]);

  const start = useCallback(
    async (kind: RunKind) => {
      if (!client) return;
      const runId = crypto.randomUUID();
      setRun({ kind, phase: 'running', progress: 'Starting…' });
      const sub = client.subscribe('guidance.progress', { runId }, (p) =>
        setRun({ kind, phase: 'running', progress: p.message }),
      );
      const target = { connectionId: row.connectionId, containerId: row.id, runId };
      try {
        if (kind === 'restart') {
          setRun({ kind, phase: 'done', result: await client.call('guidance.restart', target) });
        } else {
          const result = await client.call('guidance.reload', { ...target, dryRun: kind === 'test' });
          setRun({ kind, phase: 'done', result });
        }
      } catch (failure) {
        setRun({ kind, phase: 'failed', error: asError(failure) });
      } finally {
        sub.close();
        setGeneration((n) => n + 1);
      }
    },
    [client, row.connectionId, row.id],
  );

  return { analysis, error, run, start };
}
