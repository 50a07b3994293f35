import type { Duplex } from 'node:stream';

/** The facts about a container that a terminal session needs (from GET /containers/{id}/json). */
export interface ContainerFacts {
  readonly id: string;
  /** Without the leading slash. */
  readonly name: string;
  readonly running: boolean;
  readonly paused: boolean;
  /** Config.User: "" means root (or the image's default). */
  readonly user: string;
  /** Config.Env as KEY=VALUE. */
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly image: string;
  /** Config.Tty: whether PID 1 has a TTY (an attach is only a terminal then). */
  readonly tty: boolean;
  /** Config.OpenStdin: whether PID 1 reads stdin at all. */
  readonly openStdin: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ExecSpec {
  readonly cmd: readonly string[];
  /** KEY=VALUE, added to the container's environment for this process only. */
  readonly env: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly cols: number;
  readonly rows: number;
}

/** A running TTY process (an exec, or an attach to PID 1): raw bytes both ways, no multiplexing. */
export interface TtyProcess {
  /** Output bytes come out of it, input bytes go in; it ends when the process (or the engine link) does. */
  readonly stream: Duplex;
  /** Resizes the TTY; ignores "no such exec" once the process is over. */
  resize(cols: number, rows: number): Promise<void>;
  /** The exit code once the process is over; null while running or when the engine cannot say (attach). */
  exitCode(): Promise<number | null>;
}

/**
 * The part of an engine a terminal needs: inspect, exec and attach. Every failure is an AppError:
 * NOT_FOUND for a container that is gone, CONFLICT for one that is not running, UNAVAILABLE for an
 * engine that went away.
 */
export interface ExecEngine {
  inspectContainer(id: string, signal?: AbortSignal): Promise<ContainerFacts>;
  exec(id: string, spec: ExecSpec, signal?: AbortSignal): Promise<TtyProcess>;
  /**
   * Attaches to PID 1 (stdin only when `writable`); `tty` is the container's Config.Tty, which the
   * caller has inspected already: without one the output is demultiplexed.
   */
  attach(id: string, options: { writable: boolean; tty: boolean }, signal?: AbortSignal): Promise<TtyProcess>;
}
