import type {
  TerminalEndReason,
  TerminalOutput,
  TerminalSession as SessionInfo,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { TtyProcess } from '../containers/exec-engine';
import { DEFAULT_PUMP, OutputPump, type PumpOptions } from './output-pump';

export interface SessionEnd {
  readonly reason: TerminalEndReason;
  readonly exitCode: number | null;
  readonly message: string;
}

export interface SessionDeps {
  readonly publish: (output: TerminalOutput) => void;
  /** Works out why the process ended (exit code, container gone, engine lost); never throws. */
  readonly explainEnd: (facts: { closedByClient: boolean; typed: boolean }) => Promise<SessionEnd>;
  /** Runs once after the end is published: removes a toolbox sidecar, forgets the session. */
  readonly cleanup: () => Promise<void>;
  readonly pump?: Partial<Omit<PumpOptions, 'emit'>>;
}

/**
 * One running terminal: the TTY process, its output pump, and one `ended` event when it is over,
 * published after the last output byte.
 */
export class TerminalSession {
  private readonly pump: OutputPump;
  private typed = false;
  private closedByClient = false;
  private ending: Promise<void> | undefined;
  private resizedOnOutput = false;

  constructor(
    readonly info: SessionInfo,
    readonly clientId: string,
    private readonly process: TtyProcess,
    private readonly size: { cols: number; rows: number },
    private readonly deps: SessionDeps,
  ) {
    const sessionId = info.sessionId;
    this.pump = new OutputPump(process.stream, {
      ...DEFAULT_PUMP,
      ...deps.pump,
      emit: (data) => {
        deps.publish({ type: 'data', sessionId, data });
        // A resize sent before the process existed can be lost (moby#35407): once it has written,
        // it exists, so the size is sent again.
        if (!this.resizedOnOutput) {
          this.resizedOnOutput = true;
          void this.process.resize(this.size.cols, this.size.rows).catch(() => undefined);
        }
      },
    });
    process.stream.once('end', () => void this.finish());
    process.stream.once('close', () => void this.finish());
    process.stream.on('error', () => void this.finish());
  }

  /** A new exec TTY is 0×0 until resized: called right after start. */
  async start(): Promise<void> {
    await this.process.resize(this.size.cols, this.size.rows).catch(() => undefined);
  }

  input(data: Uint8Array): void {
    if (!this.info.writable) {
      throw new AppError(
        'CONFLICT',
        'This session is read-only (attached to PID 1). Reopen it as writable to type into it.',
      );
    }
    if (this.ending) throw ended();
    this.typed = true;
    this.process.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    if (this.ending) return;
    this.size.cols = cols;
    this.size.rows = rows;
    await this.process.resize(cols, rows);
  }

  ack(bytes: number): void {
    this.pump.ack(bytes);
  }

  /** Ends the session from the client's side; resolves once `ended` was published. */
  close(): Promise<void> {
    this.closedByClient = true;
    this.process.stream.destroy();
    return this.finish();
  }

  get flow(): { sent: number; unacked: number; paused: boolean } {
    return this.pump.state;
  }

  private finish(): Promise<void> {
    this.ending ??= (async () => {
      this.pump.flush();
      this.process.stream.destroy();
      const end = await this.deps.explainEnd({ closedByClient: this.closedByClient, typed: this.typed });
      this.deps.publish({ type: 'ended', sessionId: this.info.sessionId, ...end });
      await this.deps.cleanup();
    })();
    return this.ending;
  }
}

function ended(): AppError {
  return new AppError('CONFLICT', 'This terminal session has ended. Reopen it to continue.');
}
