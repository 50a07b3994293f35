import { PassThrough, type Readable } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import type { DownloadEndReason, FileTransfer } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { OutputPump, type PumpOptions } from '../terminal/output-pump';

/**
 * Flow control of a download: up to 2 MiB travel unacknowledged (eight 256 KiB frames), so a client
 * writing to a slow disk pauses the engine's stream instead of piling bytes up in the core.
 */
export const DOWNLOAD_PUMP = { highWater: 2 << 20, lowWater: 512 << 10, batchBytes: 256 << 10 } as const;

export interface DownloadDeps {
  readonly publish: (transfer: FileTransfer) => void;
  /** What to tell people when the stream broke off (container removed, engine gone…); never throws. */
  readonly explain: (error: Error | undefined, sent: number) => Promise<string>;
  /** Runs once after `ended` was published: the service forgets the session. */
  readonly onEnd: () => void;
  readonly pump?: Partial<Omit<PumpOptions, 'emit'>>;
  /** How long a paused download waits for an ack before it is stopped (60 s). */
  readonly stallMs?: number;
}

/**
 * A client that stops acknowledging (a save dialog left open, a hung window) must not hold the stream
 * for ever: the engine refuses to remove a container while a copy from it is open.
 */
export const STALL_MS = 60_000;

/**
 * One download: the source's bytes go to the owning client through the flow-controlled pump, then one
 * `ended` says whether every byte came (a file's bytes are checked against its size).
 */
export class DownloadSession {
  private readonly pump: OutputPump;
  private sent = 0;
  private error: Error | undefined;
  private cancelled = false;
  private stalled = false;
  private ending: Promise<void> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly transferId: string,
    readonly clientId: string,
    private readonly source: Readable,
    private readonly total: number | null,
    private readonly deps: DownloadDeps,
  ) {
    this.pump = new OutputPump(source, {
      ...DOWNLOAD_PUMP,
      ...deps.pump,
      emit: (data) => {
        deps.publish({ type: 'data', transferId, offset: this.sent, data });
        this.sent += data.byteLength;
        this.arm();
      },
    });
    this.arm();
    source.once('end', () => void this.finish());
    source.once('close', () => void this.finish());
    source.on('error', (error) => {
      this.error ??= error;
      void this.finish();
    });
  }

  /** The client stored `bytes` more. */
  ack(bytes: number): void {
    this.pump.ack(bytes);
    this.arm();
  }

  /** Stops it; resolves once `ended` (cancelled) was published. */
  cancel(): Promise<void> {
    if (!this.ending) this.cancelled = true;
    this.source.destroy();
    return this.finish();
  }

  get flow(): { sent: number; unacked: number; paused: boolean } {
    return this.pump.state;
  }

  /** (Re)starts the stall watchdog: it fires only if the pump is still waiting on the client by then. */
  private arm(): void {
    clearTimeout(this.watchdog);
    if (this.ending) return;
    this.watchdog = setTimeout(() => {
      if (!this.pump.state.paused) return this.arm();
      this.stalled = true;
      this.source.destroy();
      void this.finish();
    }, this.deps.stallMs ?? STALL_MS);
  }

  private finish(): Promise<void> {
    clearTimeout(this.watchdog);
    this.ending ??= (async () => {
      const whole = this.source.readableEnded;
      if (!this.cancelled) this.pump.flush();
      this.source.destroy();
      let reason: DownloadEndReason = 'complete';
      let message = '';
      if (this.cancelled) {
        reason = 'cancelled';
        message = 'The download was cancelled.';
      } else if (this.stalled) {
        reason = 'failed';
        message = `The download stopped: nothing was saved for ${(this.deps.stallMs ?? STALL_MS) / 1000} s, and an open copy keeps the engine from removing the container. Try again.`;
      } else if (!whole || this.error || (this.total !== null && this.sent !== this.total)) {
        reason = 'failed';
        message = await this.deps.explain(this.error, this.sent);
      }
      this.deps.publish({ type: 'ended', transferId: this.transferId, reason, bytes: this.sent, message });
      this.deps.onEnd();
    })();
    return this.ending;
  }
}

/**
 * The bytes of the one file in a tar (the archive API's answer for a file), streamed as they arrive:
 * a 1 GB file never sits in memory. Anything but a regular file fails the stream with INVALID_ARGUMENT.
 */
export function singleFile(tar: Readable, path: string): Readable {
  const out = new PassThrough({ highWaterMark: DOWNLOAD_PUMP.batchBytes });
  const extract = tarExtract();
  let seen = false;
  extract.on('entry', (header, entry, next) => {
    if (seen) {
      entry.resume();
      next();
      return;
    }
    seen = true;
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      entry.resume();
      out.destroy(new AppError('INVALID_ARGUMENT', `${path} is not a regular file (${header.type ?? '?'}).`));
      return;
    }
    entry.once('end', () => next());
    // A download stopped mid-file closes `out` under the pipe, which then fails the entry: expected.
    entry.on('error', () => undefined);
    entry.pipe(out);
  });
  extract.on('finish', () => {
    if (!seen) out.destroy(new Error(`the engine sent an empty archive for ${path}`));
  });
  extract.on('error', (error: Error) => out.destroy(error));
  tar.on('error', (error) => out.destroy(error));
  // Once the file's bytes are out (or the download stopped), the rest of the tar is not needed.
  out.once('close', () => {
    tar.unpipe(extract);
    if (!tar.readableEnded) tar.destroy();
    extract.destroy();
  });
  tar.pipe(extract);
  return out;
}
