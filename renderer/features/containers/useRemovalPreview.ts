import { useEffect, useState } from 'react';
import type { RemovalImpact } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';
import type { Target } from './bulk-store';

export interface RemovalPreview {
  readonly loading: boolean;
  /** By target key. */
  readonly impacts: ReadonlyMap<string, RemovalImpact>;
  /** Targets that could not be read (gone since the list was shown, engine away), with why. */
  readonly failures: ReadonlyArray<{ readonly key: string; readonly name: string; readonly message: string }>;
  /** Why volume sizes are missing, once per engine that said so. */
  readonly notes: readonly string[];
}

const BATCH = 100;

/** Asks each engine what removing its share of `targets` loses; one call per engine (and per 100). */
export function useRemovalPreview(targets: readonly Target[]): RemovalPreview {
  const client = useClient();
  const [preview, setPreview] = useState<RemovalPreview>({
    loading: true,
    impacts: new Map(),
    failures: [],
    notes: [],
  });

  useEffect(() => {
    if (!client) return;
    let live = true;
    const batches: Target[][] = [];
    const byConnection = new Map<string, Target[]>();
    for (const target of targets)
      byConnection.set(target.connectionId, [...(byConnection.get(target.connectionId) ?? []), target]);
    for (const group of byConnection.values())
      for (let i = 0; i < group.length; i += BATCH) batches.push(group.slice(i, i + BATCH));
    void Promise.all(
      batches.map(async (batch) => {
        try {
          const report = await client.call('containers.removalImpact', {
            connectionId: batch[0]!.connectionId,
            ids: batch.map((t) => t.id),
          });
          return { batch, report };
        } catch (error) {
          return { batch, error: isAppError(error) ? error.message : 'The engine could not be asked.' };
        }
      }),
    ).then((answers) => {
      if (!live) return;
      const impacts = new Map<string, RemovalImpact>();
      const failures: Array<RemovalPreview['failures'][number]> = [];
      const notes = new Set<string>();
      for (const answer of answers) {
        for (const target of answer.batch) {
          if ('error' in answer) {
            failures.push({ key: target.key, name: target.name, message: answer.error ?? '' });
            continue;
          }
          const impact = answer.report.containers.find((c) => c.id === target.id);
          const failure = answer.report.failures.find((f) => f.id === target.id);
          if (impact) impacts.set(target.key, impact);
          else
            failures.push({ key: target.key, name: target.name, message: failure?.message ?? 'Not found.' });
        }
        if (!('error' in answer) && answer.report.volumeSizesNote) notes.add(answer.report.volumeSizesNote);
      }
      setPreview({ loading: false, impacts, failures, notes: [...notes] });
    });
    return () => {
      live = false;
    };
  }, [client, targets]);

  return preview;
}
