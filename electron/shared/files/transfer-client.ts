import type { Contract, In, Out } from '../contract';
import { MAX_UPLOAD_CHUNK_BYTES, type FileTransfer, type UploadFileResult } from '../contract/files';
import { AppError } from '../errors';
import type { Client } from '../rpc/client';
import { StreamSession } from '../rpc/stream-session';

export type DownloadEnd = Extract<FileTransfer, { type: 'ended' }>;
export type DownloadInfo = Out<'files.download'>;
export type DownloadRequest = Omit<In<'files.download'>, 'transferId'>;

/** Where a download's bytes go: a file on disk, a Blob, a buffer in a test. */
export interface DownloadSink {
  /** The next bytes, in order; the next call waits until this one resolves (that is the flow control). */
  write(bytes: Uint8Array): Promise<void> | void;
}

export interface DownloadHandle {
  readonly info: DownloadInfo;
  /** Resolves once every byte was given to the sink and the core said how it ended. */
  readonly done: Promise<DownloadEnd>;
  cancel(): Promise<void>;
}

export interface DownloadOptions {
  /** Bytes stored so far, after each write (and the total when known). */
  readonly onProgress?: (stored: number, total: number | null) => void;
}

/** Acks are batched: one call per this many stored bytes, or after a short idle. */
const ACK_EVERY_BYTES = 256 * 1024;
const ACK_IDLE_MS = 50;

/**
 * Downloads a file (its bytes) or a folder (a tar): subscribes first so no byte is missed, then starts
 * it; each chunk is acknowledged once the sink stored it, so a slow disk slows the engine, not memory.
 */
export async function startDownload(
  client: Client<Contract>,
  request: DownloadRequest,
  sink: DownloadSink,
  options: DownloadOptions = {},
): Promise<DownloadHandle> {
  const transferId = crypto.randomUUID();
  let queue: Promise<void> = Promise.resolve();
  let stored = 0;
  let total: number | null = null;
  let sinkError: AppError | undefined;
  let settle!: (end: DownloadEnd) => void;
  const done = new Promise<DownloadEnd>((resolve) => (settle = resolve));

  const stream: StreamSession<'files.transfer', DownloadEnd> = new StreamSession({
    client,
    topic: 'files.transfer',
    params: { transferId },
    onPayload: (payload) => {
      if (payload.type === 'ended') return stream.finish(payload);
      const bytes = payload.data;
      queue = queue.then(async () => {
        if (sinkError) return;
        try {
          await sink.write(bytes);
        } catch (error) {
          sinkError =
            error instanceof AppError ? error : new AppError('INTERNAL', `Saving failed: ${String(error)}`);
          void client.call('files.cancel', { transferId }).catch(() => undefined);
          return;
        }
        stored += bytes.byteLength;
        options.onProgress?.(stored, total);
        stream.consumed(bytes.byteLength);
      });
    },
    onLost: (error) =>
      stream.finish({ type: 'ended', transferId, reason: 'failed', bytes: stored, message: error.message }),
    // Bytes still being written go first: `done` means the sink has everything.
    onEnd: (end) =>
      void queue.then(() =>
        settle(
          sinkError && end.reason === 'complete'
            ? { ...end, reason: 'failed', message: sinkError.message }
            : end,
        ),
      ),
    ack: {
      every: ACK_EVERY_BYTES,
      idleMs: ACK_IDLE_MS,
      send: (bytes) => void client.call('files.ack', { transferId, bytes }).catch(() => undefined),
    },
  });
  const info = await stream.open(() => client.call('files.download', { ...request, transferId }));
  total = info.total;
  return {
    info,
    done,
    async cancel() {
      if (stream.ended) return;
      await client.call('files.cancel', { transferId }).catch(() => undefined);
    },
  };
}

/** One file to upload: its name in the folder, its size, and how to read a slice of it. */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  /** Overwrite a file of that name (the UI asked first). */
  readonly replace: boolean;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface UploadTarget {
  readonly connectionId: string;
  readonly containerId: string;
  readonly dir: string;
}

export interface UploadOptions {
  /** Bytes sent so far over all files, of the total. */
  readonly onProgress?: (sent: number, total: number) => void;
  /** Each file's result, as it comes. */
  readonly onResult?: (index: number, result: UploadFileResult) => void;
  readonly signal?: AbortSignal;
}

/**
 * Uploads files into a folder: one upload session, each file sent in order in chunks of at most
 * MAX_UPLOAD_CHUNK_BYTES, each chunk awaited (the core answers once the engine took it), so only one
 * chunk is ever in flight. Resolves with every file's result; a cancel stops it and the rest fail.
 */
export async function uploadFiles(
  client: Client<Contract>,
  target: UploadTarget,
  sources: readonly UploadSource[],
  options: UploadOptions = {},
): Promise<UploadFileResult[]> {
  const transferId = crypto.randomUUID();
  const total = sources.reduce((sum, s) => sum + s.size, 0);
  await client.call('files.upload', {
    ...target,
    transferId,
    files: sources.map(({ name, size, replace }) => ({ name, size, replace })),
  });
  const onAbort = (): void => void client.call('files.cancel', { transferId }).catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const results: UploadFileResult[] = [];
  let sent = 0;
  try {
    for (const [index, source] of sources.entries()) {
      let result: UploadFileResult | undefined;
      let at = 0;
      do {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'The upload was cancelled.');
        const end = Math.min(source.size, at + MAX_UPLOAD_CHUNK_BYTES);
        const data = at === end ? new Uint8Array() : await source.read(at, end);
        const answer = await client.call('files.write', { transferId, index, data }, { timeoutMs: 130_000 });
        sent += end - at;
        at = end;
        options.onProgress?.(sent, total);
        result = answer.result;
      } while (!result && at < source.size);
      // A file that failed mid-way is not sent further; its bytes still count as dealt with.
      sent += source.size - at;
      result ??= {
        name: source.name,
        ok: false,
        code: 'INTERNAL',
        message: 'The core gave no result for this file.',
      };
      results.push(result);
      options.onResult?.(index, result);
    }
  } catch (error) {
    const failure = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
    onAbort();
    for (const source of sources.slice(results.length)) {
      const result = { name: source.name, ok: false, code: failure.code, message: failure.message };
      options.onResult?.(results.length, result);
      results.push(result);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return results;
}
