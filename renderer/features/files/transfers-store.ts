import { uploadNameSchema, type UploadFileResult } from '../../../electron/shared/contract/files';
import { isAppError, toWireError } from '../../../electron/shared/errors';
import {
  startDownload,
  uploadFiles,
  type UploadSource,
} from '../../../electron/shared/files/transfer-client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { openFileSink } from '../../components/save-file';
import type { ContainerTarget } from './files-browser';

export interface Transfer {
  readonly id: string;
  /** The container, as `${connectionId}/${containerId}`: each Files tab shows its own. */
  readonly key: string;
  readonly kind: 'download' | 'upload';
  /** What moves: "passwd", "etc.tar", "3 files". */
  readonly label: string;
  /** Where: the path downloaded, or the folder uploaded into. */
  readonly where: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly bytes: number;
  readonly total: number | null;
  /** What happened, for people ("" while running). */
  readonly message: string;
  readonly results?: readonly UploadFileResult[];
}

export interface DownloadRequest extends ContainerTarget {
  readonly path: string;
  /** The name proposed in the save dialog (the entry's name, a folder's + ".tar"). */
  readonly name: string;
  readonly folder: boolean;
}

export interface UploadRequest extends ContainerTarget {
  readonly dir: string;
  readonly files: readonly File[];
  /** Names the user agreed to replace. */
  readonly replace: ReadonlySet<string>;
}

/** Progress redraws at most this often: a fast download must not re-render the panel per chunk. */
const PROGRESS_EVERY_MS = 100;

const keyOf = (target: ContainerTarget): string => `${target.connectionId}/${target.containerId}`;

/**
 * Downloads and uploads of one core client. They outlive the Files tab (switching to Logs does not
 * stop a 1 GB download); the core ends them when this client goes away.
 */
export class TransfersStore extends ExternalStore<readonly Transfer[]> {
  private readonly cancels = new Map<string, () => void>();

  constructor(private readonly client: BosunClient) {
    super([]);
  }

  /**
   * Asks where to save first (the browser wants that straight from the click), then streams into it.
   * Resolves when it is over; a cancelled save dialog does nothing.
   */
  async download(request: DownloadRequest): Promise<void> {
    let sink;
    try {
      sink = await openFileSink(
        request.name,
        request.folder ? 'application/x-tar' : 'application/octet-stream',
      );
    } catch (error) {
      this.add(
        this.record('download', request, request.name, request.path, 'failed', {
          message: `The file could not be created: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
      return;
    }
    if (!sink) return;
    const transfer = this.record('download', request, request.name, request.path, 'running');
    this.add(transfer);
    const progress = this.throttled(transfer.id);
    try {
      const handle = await startDownload(
        this.client,
        { connectionId: request.connectionId, containerId: request.containerId, path: request.path },
        { write: (bytes) => sink.write(bytes) },
        { onProgress: (bytes, total) => progress({ bytes, total }) },
      );
      this.cancels.set(transfer.id, () => void handle.cancel());
      this.update(transfer.id, { total: handle.info.total });
      const end = await handle.done;
      progress.flush();
      if (end.reason === 'complete') {
        await sink.close();
        this.update(transfer.id, { state: 'done', bytes: end.bytes, message: `Saved ${request.name}.` });
      } else {
        await sink.abort();
        this.update(transfer.id, {
          state: end.reason === 'cancelled' ? 'cancelled' : 'failed',
          bytes: end.bytes,
          message: end.message,
        });
      }
    } catch (error) {
      await sink.abort().catch(() => undefined);
      this.update(transfer.id, { state: 'failed', message: toWireError(error).message });
    } finally {
      progress.cancel();
      this.cancels.delete(transfer.id);
    }
  }

  /** Sends files into a folder; resolves with each file's result once all are done. */
  async upload(request: UploadRequest): Promise<readonly UploadFileResult[]> {
    const label = request.files.length === 1 ? request.files[0]!.name : `${request.files.length} files`;
    const total = request.files.reduce((sum, file) => sum + file.size, 0);
    const transfer = this.record('upload', request, label, request.dir, 'running', { total });
    this.add(transfer);
    // Names the core would refuse are refused here, with the same words, before any byte moves.
    const refused = new Map<number, UploadFileResult>();
    const sources: UploadSource[] = [];
    const order: number[] = [];
    request.files.forEach((file, index) => {
      const check = uploadNameSchema.safeParse(file.name);
      if (!check.success) {
        const message = `${file.name} cannot be uploaded: ${check.error.issues[0]?.message ?? 'not a valid name'}.`;
        refused.set(index, { name: file.name, ok: false, code: 'INVALID_ARGUMENT', message });
        return;
      }
      order.push(index);
      sources.push({
        name: file.name,
        size: file.size,
        replace: request.replace.has(file.name),
        read: (start, end) => readSlice(file.slice(start, end)),
      });
    });
    const controller = new AbortController();
    this.cancels.set(transfer.id, () => controller.abort());
    const progress = this.throttled(transfer.id);
    let sent: UploadFileResult[] = [];
    try {
      if (sources.length > 0) {
        sent = await uploadFiles(
          this.client,
          { connectionId: request.connectionId, containerId: request.containerId, dir: request.dir },
          sources,
          { signal: controller.signal, onProgress: (bytes) => progress({ bytes }) },
        );
      }
    } catch (error) {
      const failure = isAppError(error) ? error : toWireError(error);
      sent = sources.map((s) => ({ name: s.name, ok: false, code: failure.code, message: failure.message }));
    } finally {
      progress.cancel();
      this.cancels.delete(transfer.id);
    }
    const results: UploadFileResult[] = request.files.map(
      (file, index) =>
        refused.get(index) ??
        sent[order.indexOf(index)] ?? { name: file.name, ok: false, message: 'Not sent.' },
    );
    const failed = results.filter((r) => !r.ok);
    const state = controller.signal.aborted ? 'cancelled' : failed.length > 0 ? 'failed' : 'done';
    this.update(transfer.id, { state, results, message: summary(results) });
    return results;
  }

  cancel(id: string): void {
    this.cancels.get(id)?.();
  }

  dismiss(id: string): void {
    this.set(this.getSnapshot().filter((t) => t.id !== id || t.state === 'running'));
  }

  private record(
    kind: Transfer['kind'],
    target: ContainerTarget,
    label: string,
    where: string,
    state: Transfer['state'],
    more: Partial<Transfer> = {},
  ): Transfer {
    return {
      id: crypto.randomUUID(),
      key: keyOf(target),
      kind,
      label,
      where,
      state,
      bytes: 0,
      total: null,
      message: '',
      ...more,
    };
  }

  private add(transfer: Transfer): void {
    this.set([...this.getSnapshot(), transfer]);
  }

  private update(id: string, change: Partial<Transfer>): void {
    this.set(this.getSnapshot().map((t) => (t.id === id ? { ...t, ...change } : t)));
  }

  /** Progress updates, at most one redraw per PROGRESS_EVERY_MS; flush() applies the last one, cancel() drops it. */
  private throttled(id: string): ((change: Partial<Transfer>) => void) & { flush(): void; cancel(): void } {
    let pending: Partial<Transfer> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      if (pending) this.update(id, pending);
      pending = undefined;
    };
    return Object.assign(
      (change: Partial<Transfer>) => {
        pending = { ...pending, ...change };
        timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
      },
      {
        flush,
        cancel: () => {
          clearTimeout(timer);
          pending = undefined;
        },
      },
    );
  }
}

/** A slice of a file's bytes; through FileReader where Blob.arrayBuffer is missing (older engines, jsdom). */
function readSlice(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function')
    return blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(blob);
  });
}

function summary(results: readonly UploadFileResult[]): string {
  const written = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0)
    return written === 1 ? `Uploaded ${results[0]!.name}.` : `Uploaded ${written} files.`;
  const first = failed[0]!;
  const head = written > 0 ? `${written} uploaded, ${failed.length} not: ` : '';
  return `${head}${first.message}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ''}`;
}

const stores = new WeakMap<BosunClient, TransfersStore>();

/** The transfers of this client (one store per client, made on first use). */
export function transfersFor(client: BosunClient): TransfersStore {
  let store = stores.get(client);
  if (!store) stores.set(client, (store = new TransfersStore(client)));
  return store;
}
