import { Readable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import type { UploadFileResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerFiles } from '../containers/container-files';
import { childPath } from './container-path';

export interface UploadSpec {
  readonly name: string;
  readonly size: number;
  readonly replace: boolean;
}

export interface UploadTarget {
  readonly files: ContainerFiles;
  readonly containerId: string;
  /** The folder written into, links already followed. */
  readonly dir: string;
  /** Uploaded files get the folder's owner, so a program running as that user can use them. */
  readonly owner: { readonly uid: number; readonly gid: number };
}

export interface UploadOptions {
  /** An upload nobody writes to for this long is stopped (a client that hung or forgot it). */
  readonly idleMs: number;
  /** A write that the engine does not take within this long fails the file with TIMEOUT. */
  readonly drainMs: number;
  /** Runs once when every file has its result: the service forgets the session. */
  readonly onEnd: () => void;
}

export interface WriteAnswer {
  readonly received: number;
  readonly result?: UploadFileResult;
}

/** The file being sent now: its tar, the PUT that streams it to the engine, and how far it got. */
interface Current {
  readonly index: number;
  readonly pack: Pack;
  readonly entry: ReturnType<Pack['entry']>;
  /** The tar as the PUT reads it. */
  readonly body: Readable;
  readonly controller: AbortController;
  /** Settles when the engine answered the PUT; never rejects (failure is kept in `failed`). */
  readonly done: Promise<void>;
  failed: AppError | undefined;
}

const short = (id: string): string => id.slice(0, 12);

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', 'The upload failed.');
}

/**
 * One upload into one folder: each file becomes its own tar, streamed to the engine by a PUT as its
 * bytes arrive (so a 1 GB file is never held in memory, and each file gets its own result). Files come
 * in order, one write at a time; a write answers once the engine has taken its bytes (backpressure).
 */
export class UploadSession {
  private readonly results: (UploadFileResult | undefined)[];
  private readonly received: number[];
  /** Whether each result was answered to the client: the session lasts until every one was. */
  private readonly delivered: boolean[];
  private current: Current | undefined;
  private busy = false;
  private over = false;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly transferId: string,
    readonly clientId: string,
    private readonly specs: readonly UploadSpec[],
    private readonly target: UploadTarget,
    private readonly options: UploadOptions,
  ) {
    this.results = specs.map(() => undefined);
    this.received = specs.map(() => 0);
    this.delivered = specs.map(() => false);
    this.touch();
  }

  async write(index: number, data: Uint8Array): Promise<WriteAnswer> {
    if (index >= this.specs.length) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `This upload has ${this.specs.length} files; there is no file ${index}.`,
      );
    }
    const known = this.results[index];
    if (known) return this.deliver(index, { received: this.received[index]!, result: known });
    const next = this.results.findIndex((r) => r === undefined);
    if (index !== next) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `Send the files in order: file ${next} (${this.specs[next]?.name ?? '?'}) comes next.`,
      );
    }
    if (this.busy)
      throw new AppError('CONFLICT', 'Wait for the previous write to answer before sending more.');
    this.busy = true;
    this.touch();
    try {
      return this.deliver(index, await this.take(index, data));
    } finally {
      this.busy = false;
      this.touch();
    }
  }

  /** Stops the upload: the file being written is left incomplete or absent, the rest are not sent. */
  cancel(reason = new AppError('CANCELLED', 'The upload was cancelled.')): void {
    if (this.over) return;
    if (this.current) this.settle(this.current.index, reason);
    this.failRest(reason);
    this.end();
  }

  private deliver(index: number, answer: WriteAnswer): WriteAnswer {
    if (answer.result) {
      this.delivered[index] = true;
      if (this.delivered.every(Boolean)) this.end();
    }
    return answer;
  }

  private async take(index: number, data: Uint8Array): Promise<WriteAnswer> {
    const spec = this.specs[index]!;
    const have = this.received[index]!;
    if (have + data.byteLength > spec.size) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `${spec.name} was announced as ${spec.size} bytes; ${have + data.byteLength} were sent.`,
      );
    }
    try {
      if (!this.current) {
        await this.refuseExisting(spec);
        this.current = this.begin(index, spec);
      }
      const current = this.current;
      if (data.byteLength > 0) await this.feed(current, data);
      this.received[index] = have + data.byteLength;
      if (this.received[index] < spec.size) return { received: this.received[index] };
      current.entry.end(undefined);
      current.pack.finalize();
      await current.done;
      if (current.failed) throw current.failed;
      return { received: this.received[index], result: this.settle(index, undefined) };
    } catch (error) {
      return { received: this.received[index]!, result: this.settle(index, asAppError(error)) };
    }
  }

  /** CONFLICT when the file exists and was not to be replaced (the UI asks first; this holds if it raced). */
  private async refuseExisting(spec: UploadSpec): Promise<void> {
    if (spec.replace) return;
    const { files, containerId, dir } = this.target;
    const there = await files.statPath(containerId, childPath(dir, spec.name));
    if (there) {
      throw new AppError(
        'CONFLICT',
        `${spec.name} already exists in ${dir}; it was not replaced. Upload it again and choose Replace to overwrite it.`,
        { what: 'path' },
      );
    }
  }

  private begin(index: number, spec: UploadSpec): Current {
    const { files, containerId, dir, owner } = this.target;
    const pack = tarPack();
    const entry = pack.entry({
      name: spec.name,
      size: spec.size,
      mode: 0o644,
      uid: owner.uid,
      gid: owner.gid,
      mtime: new Date(),
      type: 'file',
    });
    const controller = new AbortController();
    const body = Readable.from(pack);
    // Its failures reach us through the PUT's answer; an early stop must not become an uncaught error.
    body.on('error', () => undefined);
    const current: Current = {
      index,
      pack,
      entry,
      body,
      controller,
      failed: undefined,
      done: files.putArchive(containerId, dir, body, controller.signal).then(
        () => undefined,
        (error: unknown) => {
          current.failed = asAppError(error);
        },
      ),
    };
    return current;
  }

  /** Passes bytes to the tar; waits while the engine is behind, and fails as soon as the PUT did. */
  private async feed(current: Current, data: Uint8Array): Promise<void> {
    if (current.failed) throw current.failed;
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (current.entry.write(buffer)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onDrain: (() => void) | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          onDrain = resolve;
          current.entry.once('drain', resolve);
        }),
        current.done.then(() => {
          throw current.failed ?? new AppError('INTERNAL', 'The engine answered before the file was sent.');
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new AppError(
                  'TIMEOUT',
                  `The engine took no bytes for ${this.options.drainMs / 1000} s while writing into container ${short(this.target.containerId)}.`,
                ),
              ),
            this.options.drainMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onDrain) current.entry.off('drain', onDrain);
    }
  }

  private settle(index: number, error: AppError | undefined): UploadFileResult {
    // A cancel may have settled the file while its write was still waiting on the engine.
    const settled = this.results[index];
    if (settled) return settled;
    const name = this.specs[index]!.name;
    const result: UploadFileResult = error
      ? { name, ok: false, code: error.code, message: error.message }
      : { name, ok: true, message: `written to ${childPath(this.target.dir, name)}` };
    this.results[index] = result;
    if (this.current?.index === index) {
      if (error) {
        this.current.controller.abort(error);
        this.current.body.destroy();
      }
      this.current = undefined;
    }
    // A file that exists is that file's problem; anything else (read-only, gone) would fail them all.
    if (error && error.code !== 'CONFLICT') this.failRest(error);
    return result;
  }

  private failRest(error: AppError): void {
    this.specs.forEach((spec, index) => {
      this.results[index] ??= {
        name: spec.name,
        ok: false,
        code: error.code,
        message: `Not sent: ${error.message}`,
      };
    });
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    clearTimeout(this.idle);
    this.options.onEnd();
  }

  private touch(): void {
    clearTimeout(this.idle);
    if (this.over || this.busy) return;
    this.idle = setTimeout(
      () =>
        this.cancel(
          new AppError(
            'TIMEOUT',
            `No bytes came for ${this.options.idleMs / 1000} s; the upload was stopped. Upload the files again.`,
          ),
        ),
      this.options.idleMs,
    );
  }
}
