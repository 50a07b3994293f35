import { useCallback, useEffect, useRef, useState } from 'react';
import type { Out } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';

export type DiskState =
  | { readonly phase: 'measuring' }
  | { readonly phase: 'done'; readonly result: Out<'disk.usage'>; readonly at: number }
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'cancelled' };

// The engine measures every layer and volume; a big host takes minutes. The core gives up at 180 s.
const TIMEOUT_MS = 200_000;

/** Disk use, measured when the view opens and when asked again; cancellable while it runs. */
export function useDiskUsage(): { state: DiskState; measure: () => void; cancel: () => void } {
  const client = useClient();
  // Measuring starts as the view opens, so that is the first state.
  const [state, setState] = useState<DiskState>({ phase: 'measuring' });
  const controller = useRef<AbortController | undefined>(undefined);

  const start = useCallback(() => {
    if (!client) return;
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    client.call('disk.usage', {}, { signal: mine.signal, timeoutMs: TIMEOUT_MS }).then(
      (result) => controller.current === mine && setState({ phase: 'done', result, at: Date.now() }),
      (error: unknown) => {
        if (controller.current !== mine || mine.signal.aborted) return;
        setState({
          phase: 'failed',
          message: isAppError(error) ? error.message : 'Measuring disk use failed.',
        });
      },
    );
  }, [client]);

  const measure = useCallback(() => {
    setState({ phase: 'measuring' });
    start();
  }, [start]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState({ phase: 'cancelled' });
  }, []);

  useEffect(() => {
    start();
    return () => controller.current?.abort();
  }, [start]);

  return { state, measure, cancel };
}
