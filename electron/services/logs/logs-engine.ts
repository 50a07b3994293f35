import type { LogLine } from '../../shared/contract';
import type { AppError } from '../../shared/errors';

/** What to read of a container's log (the query of GET /containers/{id}/logs). */
export interface LogsQuery {
  readonly stdout: boolean;
  readonly stderr: boolean;
  /** Keep the stream open for new lines. */
  readonly follow: boolean;
  /** Only the last N lines of the whole log (the engine applies it before since/until). */
  readonly tail?: number;
  /** Unix seconds with up to nine decimals; both bounds include lines at exactly that time. */
  readonly since?: string;
  readonly until?: string;
}

/** Where an open log stream delivers what it parsed. */
export interface LogLineSink {
  /** Whole lines in log order, as parsed from one chunk of the engine's stream. */
  lines(lines: LogLine[]): void;
  /**
   * Called once, last: without an error when the engine ended the stream (everything sent, or the
   * container stopped while following); with one when it broke off. Never called after close().
   */
  end(error?: AppError): void;
}

/** An open log stream. */
export interface LogSource {
  /** The container has a TTY: every line is stdout. */
  readonly tty: boolean;
  /** Stops reading from the engine (flow control); lines already parsed may still arrive. */
  pause(): void;
  resume(): void;
  /** Ends the stream; the sink hears nothing more. */
  close(): void;
}

/** Whether a container is still there, for why a followed stream ended. */
export type ContainerPresence = 'running' | 'stopped' | 'gone';

/**
 * Container logs on one engine. Failures are AppErrors: NOT_FOUND for a container that is gone,
 * UNAVAILABLE for an engine that went away or a log driver that cannot be read (the message says which).
 */
export interface LogsEngine {
  /** Opens the log stream (inspecting the container once for its TTY); resolves once the engine accepted it. */
  open(id: string, query: LogsQuery, sink: LogLineSink, signal?: AbortSignal): Promise<LogSource>;
  presence(id: string, signal?: AbortSignal): Promise<ContainerPresence>;
}
