import type { LogLine } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { openLogStream, type LogStreamRequest } from '../../../electron/shared/logs/log-client';
import type { BosunClient } from '../../api/client';
import type { FileSink } from '../../components/save-file';

/** Unix seconds with nanoseconds as RFC 3339, as `docker logs --timestamps` prints them. */
export function rfc3339(time: string): string {
  const [seconds = '0', fraction = ''] = time.split('.');
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${fraction.padEnd(9, '0').slice(0, 9)}Z`;
}

export function formatForFile(lines: readonly LogLine[], timestamps: boolean): string {
  let text = '';
  for (const line of lines) text += timestamps ? `${rfc3339(line.time)} ${line.text}\n` : `${line.text}\n`;
  return text;
}

export interface DownloadOptions {
  readonly timestamps: boolean;
  /** Lines written so far, after each batch reached the file. */
  readonly onProgress: (lines: number) => void;
  /** Aborting stops the stream and discards the file. */
  readonly signal: AbortSignal;
}

/**
 * Streams a container's whole log (within since/until and the chosen streams) into `file`, a batch at
 * a time: the next batch is acknowledged only once the previous one is written, so a slow disk slows
 * the engine instead of filling memory. The file is closed when every line is in, and aborted when the
 * download is cancelled or the stream fails; either way nothing on screen changes. Resolves with the
 * lines written; rejects with an AppError (CANCELLED when aborted).
 */
export async function downloadLog(
  client: BosunClient,
  request: Omit<LogStreamRequest, 'follow' | 'tail'>,
  file: FileSink,
  options: DownloadOptions,
): Promise<number> {
  let written = 0;
  let writes = Promise.resolve();
  let failed: unknown;
  // A failed write stops the stream as a cancel does; the caller's signal cancels it from outside.
  const stop = new AbortController();
  const onCancel = (): void => stop.abort();
  if (options.signal.aborted) stop.abort();
  else options.signal.addEventListener('abort', onCancel, { once: true });
  const outcome = new Promise<number>((resolve, reject) => {
    const fail = (error: unknown): void => {
      void file.abort().catch(() => undefined);
      reject(
        error instanceof AppError
          ? error
          : new AppError(
              'INTERNAL',
              `Writing the file failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
      );
    };
    openLogStream(
      client,
      { ...request, follow: false },
      {
        lines: (lines, done) => {
          writes = writes.then(async () => {
            if (failed) return;
            try {
              await file.write(formatForFile(lines, options.timestamps));
              written += lines.length;
              options.onProgress(written);
              done();
            } catch (error) {
              failed = error;
              stop.abort();
            }
          });
        },
        ended: (end) => {
          void writes.then(async () => {
            if (failed) return fail(failed);
            if (end.reason === 'complete') {
              try {
                await file.close();
                resolve(written);
              } catch (error) {
                fail(error);
              }
            } else if (end.reason === 'closed') {
              fail(
                new AppError(
                  'CANCELLED',
                  `The download was cancelled after ${written.toLocaleString()} lines.`,
                ),
              );
            } else {
              fail(
                new AppError(
                  'UNAVAILABLE',
                  `The download stopped after ${written.toLocaleString()} lines: ${end.message}`,
                ),
              );
            }
          });
        },
      },
      { signal: stop.signal },
    ).catch(fail);
  });
  try {
    return await outcome;
  } finally {
    options.signal.removeEventListener('abort', onCancel);
  }
}
