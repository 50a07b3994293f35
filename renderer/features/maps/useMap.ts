import { useCallback, useEffect, useState } from 'react';
import type { NetworkMap, StorageMap } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export type MapKind = 'storage' | 'network';

export type MapState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'loading' }
  | { readonly phase: 'done'; readonly map: StorageMap | NetworkMap }
  | { readonly phase: 'failed'; readonly message: string };

// Sizing volumes and writable layers walks the engine's disk; the core gives up at 240 s.
const TIMEOUT_MS = 250_000;

/**
 * One engine's map, read when the engine or the kind changes and when asked again. An answer counts
 * only for the read that asked for it (the key), so a slow answer for another engine never shows.
 */
export function useMap(
  connectionId: string | undefined,
  kind: MapKind,
): { state: MapState; reload: () => void } {
  const client = useClient();
  const [reads, setReads] = useState(0);
  const [settled, setSettled] = useState<{ key: string; state: MapState } | undefined>(undefined);
  const key = `${connectionId ?? ''} ${kind} ${reads}`;

  useEffect(() => {
    if (!client || !connectionId) return;
    const controller = new AbortController();
    const options = { signal: controller.signal, timeoutMs: TIMEOUT_MS };
    const call =
      kind === 'storage'
        ? client.call('maps.storage', { connectionId }, options)
        : client.call('maps.network', { connectionId }, options);
    call.then(
      (map) => setSettled({ key, state: { phase: 'done', map } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = isAppError(error) ? error.message : 'Reading the map failed.';
        setSettled({ key, state: { phase: 'failed', message } });
      },
    );
    return () => controller.abort();
  }, [client, connectionId, kind, key]);

  const reload = useCallback(() => setReads((n) => n + 1), []);
  const state: MapState = !connectionId
    ? { phase: 'idle' }
    : settled?.key === key
      ? settled.state
      : { phase: 'loading' };
  return { state, reload };
}
