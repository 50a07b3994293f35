import type { AppError } from '../../shared/errors';

/**
 * One reading of a container's cgroup counters as the engine streamed it, reduced to what the
 * samples need. Counters are cumulative; the engine's previous CPU reading comes with each one.
 */
export interface StatsReading {
  /** When the engine read it (ms since the epoch). */
  readonly time: number;
  /** Container CPU time (ns) now and at the engine's previous reading. */
  readonly cpuTotal: number;
  readonly preCpuTotal: number;
  /** Host CPU time (ns) now and at the previous reading. */
  readonly systemCpu: number;
  readonly preSystemCpu: number;
  readonly onlineCpus: number;
  /** Memory use without the inactive page cache (docker's "usage minus cache"). */
  readonly memoryBytes: number;
  readonly memoryLimitBytes: number;
  /** Summed over every interface. */
  readonly networkRxBytes: number;
  readonly networkTxBytes: number;
  /** Summed over every device (cgroup v1 "Read"/"Write", v2 "read"/"write"). */
  readonly blockReadBytes: number;
  readonly blockWriteBytes: number;
  readonly pids: number | null;
}

/** How an open stats stream ended; `end` is called once, and never after close(). */
export type StatsStreamEnd =
  /** The container is not running (the engine sends zeroed readings for a stopped container). */
  | { readonly kind: 'stopped' }
  /** The engine ended the stream by itself (the container was removed). */
  | { readonly kind: 'closed' }
  /** It broke off: the engine went away or sent something that is not stats. */
  | { readonly kind: 'failed'; readonly error: AppError };

export interface StatsSink {
  reading(reading: StatsReading): void;
  end(end: StatsStreamEnd): void;
}

export interface StatsStream {
  /** Ends the stream and its engine request; the sink hears nothing more. */
  close(): void;
}

/**
 * Container stats on one engine: one long-lived `GET /containers/{id}/stats?stream=1` per container
 * (the engine samples once a second). Failures are AppErrors: NOT_FOUND for a container that is gone.
 */
export interface StatsEngine {
  /** Opens the stream; resolves once the engine accepted it. */
  open(id: string, sink: StatsSink, signal?: AbortSignal): Promise<StatsStream>;
  /** The engine host's memory in bytes (GET /info MemTotal): a limit equal to it is no limit. */
  hostMemory(): Promise<number>;
}
