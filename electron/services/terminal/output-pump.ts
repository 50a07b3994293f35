import type { Readable } from 'node:stream';

export interface PumpOptions {
  /** Unacknowledged bytes at which the source is paused (the client is behind). */
  readonly highWater: number;
  /** Unacknowledged bytes at or below which a paused source resumes. */
  readonly lowWater: number;
  /** A batch is sent at once when it reaches this size, else at the end of the current I/O turn. */
  readonly batchBytes: number;
  readonly emit: (bytes: Uint8Array) => void;
}

export const DEFAULT_PUMP = { highWater: 1 << 20, lowWater: 256 << 10, batchBytes: 64 << 10 } as const;

/**
 * Moves a TTY's output to a client with flow control. Chunks of one I/O turn travel as one batch (a
 * `yes` makes thousands of tiny chunks a second); the client acknowledges what it rendered, and while
 * more than `highWater` bytes are unacknowledged the source is paused, so the engine stops reading the
 * program's TTY and the program blocks: nothing is dropped and nothing grows without bound.
 */
export class OutputPump {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private unacked = 0;
  private paused = false;
  private total = 0;

  constructor(
    private readonly source: Readable,
    private readonly options: PumpOptions,
  ) {
    source.on('data', (chunk: Buffer) => this.take(chunk));
  }

  /** The client rendered `bytes` more. */
  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked <= this.options.lowWater) {
      this.paused = false;
      this.source.resume();
    }
  }

  /** Sends what is batched now (before the session says it ended). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pendingBytes === 0) return;
    // One fresh buffer: a pooled Buffer view would make structured clone (IPC) copy its whole pool.
    const batch = new Uint8Array(this.pendingBytes);
    let offset = 0;
    for (const chunk of this.pending) {
      batch.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.unacked += batch.byteLength;
    this.total += batch.byteLength;
    this.options.emit(batch);
    if (!this.paused && this.unacked >= this.options.highWater) {
      this.paused = true;
      this.source.pause();
    }
  }

  get state(): { sent: number; unacked: number; paused: boolean } {
    return { sent: this.total, unacked: this.unacked, paused: this.paused };
  }

  private take(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes >= this.options.batchBytes) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }
}
