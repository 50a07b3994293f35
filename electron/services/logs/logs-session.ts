import type { LogLine, LogsEndReason, LogsOutput } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { LogLineSink, LogSource } from './logs-engine';

export interface LogFlowOptions {
  /** Unacknowledged lines at which the engine stream is paused (the client is behind). */
  readonly highWater: number;
  /** Unacknowledged lines at or below which a paused stream resumes. */
  readonly lowWater: number;
  /** A batch is sent at once when it reaches this many lines… */
  readonly batchLines: number;
  /** …or this many UTF-16 code units of text; else at the end of the current I/O turn. */
  readonly batchChars: number;
}

export const DEFAULT_LOG_FLOW: LogFlowOptions = {
  highWater: 20_000,
  lowWater: 5_000,
  batchLines: 2_000,
  batchChars: 1 << 20,
};

export interface LogSessionDeps {
  readonly publish: (output: LogsOutput) => void;
  /** Why the engine ended the stream, once it has (a stopped or a removed container). */
  readonly explainEnd: (error: AppError | undefined) => Promise<{ reason: LogsEndReason; message: string }>;
  /** Called once when the session is over, whatever ended it. */
  readonly onOver: () => void;
}

/**
 * One client's log stream: lines of one I/O turn travel as one batch, and while more than `highWater`
 * lines are unacknowledged the engine stream is paused (the engine then stops writing to the socket):
 * nothing is dropped, and memory stays bounded by the watermarks plus one engine chunk.
 */
export class LogSession implements LogLineSink {
  private source: LogSource | undefined;
  private pending: LogLine[] = [];
  private pendingChars = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private unacked = 0;
  private paused = false;
  private total = 0;
  private over = false;

  constructor(
    readonly streamId: string,
    readonly clientId: string,
    private readonly deps: LogSessionDeps,
    private readonly flowOptions: LogFlowOptions = DEFAULT_LOG_FLOW,
  ) {}

  /** The engine stream, once open; a pause asked for before takes effect now. */
  attach(source: LogSource): void {
    this.source = source;
    if (this.over) source.close();
    else if (this.paused) source.pause();
  }

  lines(lines: LogLine[]): void {
    if (this.over) return;
    for (const line of lines) {
      this.pending.push(line);
      this.pendingChars += line.text.length;
      if (
        this.pending.length >= this.flowOptions.batchLines ||
        this.pendingChars >= this.flowOptions.batchChars
      ) {
        this.flush();
      }
    }
    if (this.pending.length > 0) this.scheduled ??= setImmediate(() => this.flush());
  }

  end(error?: AppError): void {
    if (this.over) return;
    this.flush();
    void this.deps.explainEnd(error).then(
      ({ reason, message }) => this.finish(reason, message),
      (failure: unknown) => this.finish('engine-lost', String(failure)),
    );
  }

  /** The client took `lines` more. */
  ack(lines: number): void {
    this.unacked = Math.max(0, this.unacked - lines);
    if (this.paused && this.unacked <= this.flowOptions.lowWater) {
      this.paused = false;
      this.source?.resume();
    }
  }

  /** The client closed it, or went away. */
  close(): void {
    if (this.over) return;
    this.source?.close();
    this.finish('closed', 'The log stream was closed.');
  }

  get flow(): { sent: number; unacked: number; paused: boolean } {
    return { sent: this.total, unacked: this.unacked, paused: this.paused };
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0 || this.over) return;
    const lines = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    this.unacked += lines.length;
    this.total += lines.length;
    this.deps.publish({ type: 'lines', streamId: this.streamId, lines });
    if (!this.paused && this.unacked >= this.flowOptions.highWater) {
      this.paused = true;
      this.source?.pause();
    }
  }

  private finish(reason: LogsEndReason, message: string): void {
    if (this.over) return;
    this.flush();
    this.over = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.pending = [];
    this.deps.publish({ type: 'ended', streamId: this.streamId, reason, message });
    this.deps.onOver();
  }
}
