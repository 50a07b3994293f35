import { useCallback, useRef, useState } from 'react';
import type { VolumeUsage } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export interface VolumeSizes {
  /** `${connectionId}/${name}` → what the engine reported; absent until measured. */
  readonly sizes: ReadonlyMap<string, VolumeUsage>;
  readonly measuring: boolean;
  /** Engines that could not measure, with why. */
  readonly problems: readonly string[];
  measure(connectionIds: readonly string[]): void;
  cancel(): void;
}

/**
 * Volume sizes on demand: the engine walks every file of every volume to answer, so Bosun asks only
 * when the user does, one engine after the other, and the user can cancel.
 */
export function useVolumeSizes(): VolumeSizes {
  const client = useClient();
  const [sizes, setSizes] = useState<ReadonlyMap<string, VolumeUsage>>(new Map());
  const [measuring, setMeasuring] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const controller = useRef<AbortController | undefined>(undefined);

  const measure = useCallback(
    (connectionIds: readonly string[]) => {
      if (!client) return;
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      setMeasuring(true);
      setProblems([]);
      void (async () => {
        const found = new Map<string, VolumeUsage>();
        const failed: string[] = [];
        for (const connectionId of connectionIds) {
          try {
            const { volumes } = await client.call(
              'volumes.usage',
              { connectionId },
              { signal: mine.signal, timeoutMs: 200_000 },
            );
            for (const volume of volumes) found.set(`${connectionId}/${volume.name}`, volume);
          } catch (error) {
            if (mine.signal.aborted) break;
            failed.push(`${connectionId}: ${isAppError(error) ? error.message : 'measuring failed'}`);
          }
        }
        if (controller.current !== mine) return;
        setSizes(found);
        setProblems(mine.signal.aborted ? ['Measuring was cancelled.'] : failed);
        setMeasuring(false);
      })();
    },
    [client],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setMeasuring(false);
    setProblems(['Measuring was cancelled.']);
  }, []);

  return { sizes, measuring, problems, measure, cancel };
}
