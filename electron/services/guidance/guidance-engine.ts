/** One process of a container as the engine's /top lists it: PIDs of the host's namespace. */
export interface ProcessRow {
  readonly pid: number;
  readonly ppid?: number;
  /** The full command line (ps `args`), as the process shows it (titles such as `nginx: master process`). */
  readonly command: string;
}

/** A command run to its end in a container without a TTY. */
export interface RunOutcome {
  /** null when the engine could not say (the exec vanished). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Output beyond the cap was dropped. */
  readonly truncated: boolean;
}

export interface RunOptions {
  /** The deadline of the whole run. */
  readonly timeoutMs: number;
  readonly user?: string;
}

/**
 * What reload guidance needs from an engine beyond inspect and lifecycle: the process list and
 * short commands run to completion. Failures are AppErrors: NOT_FOUND (details.reason
 * `container-gone`) for a removed container, CONFLICT for one that is not running, TIMEOUT, UNAVAILABLE.
 * A command that cannot start (no such binary) is an outcome with exit code 126/127, not a failure.
 */
export interface GuidanceEngine {
  /** GET /containers/{id}/top?ps_args=-eo pid,ppid,args */
  processes(id: string, signal?: AbortSignal): Promise<ProcessRow[]>;
  /** Runs `cmd` in the container (exec, no TTY) and captures its output (capped at 64 KiB per stream). */
  run(id: string, cmd: readonly string[], options: RunOptions, signal?: AbortSignal): Promise<RunOutcome>;
  /** The image's own Config.Env (GET /images/{id}/json); undefined when the image is gone. */
  imageEnv(image: string, signal?: AbortSignal): Promise<string[] | undefined>;
}
