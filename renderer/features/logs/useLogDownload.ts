import { useEffect, useRef, useState } from 'react';
import { isAppError, toWireError } from '../../../electron/shared/errors';
import type { LogStreamRequest } from '../../../electron/shared/logs/log-client';
import type { BosunClient } from '../../api/client';
import { openFileSink } from '../../components/save-file';
import { downloadLog } from './download-log';
import { fileStamp } from './log-time';
import type { DownloadState } from './LogStrips';

type Selection = Omit<LogStreamRequest, 'follow' | 'tail'>;

/** A file name from the container's name and the time: `web-20250131-140000.log`. */
export function downloadName(containerName: string, now: Date): string {
  const safe = containerName.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '') || 'container';
  return `${safe}-${fileStamp(now)}.log`;
}

/**
 * Download as a stream into a file the user picks, with progress and cancel. Leaving the tab cancels
 * a download in progress (its file is discarded): nothing keeps running where nobody can see it.
 */
export function useLogDownload(client: BosunClient | undefined, containerName: string) {
  const [state, setState] = useState<DownloadState | undefined>();
  const running = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => running.current?.abort(), []);

  const start = async (selection: Selection, timestamps: boolean): Promise<void> => {
    if (!client || running.current) return;
    const name = downloadName(containerName, new Date());
    let file;
    try {
      file = await openFileSink(name, 'text/plain');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setState({ phase: 'failed', name, message: `The file could not be created: ${message}` });
      return;
    }
    if (!file) return;
    const controller = new AbortController();
    running.current = controller;
    setState({ phase: 'running', name, lines: 0 });
    try {
      const lines = await downloadLog(client, selection, file, {
        timestamps,
        signal: controller.signal,
        onProgress: (written) => setState({ phase: 'running', name, lines: written }),
      });
      setState({ phase: 'done', name, lines });
    } catch (error) {
      if (isAppError(error) && error.code === 'CANCELLED') setState(undefined);
      else setState({ phase: 'failed', name, message: toWireError(error).message });
    } finally {
      running.current = undefined;
    }
  };

  return {
    state,
    start,
    cancel: () => running.current?.abort(),
    dismiss: () => setState(undefined),
  };
}
