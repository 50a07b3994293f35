import { AppError } from '../../shared/errors';
import type {
  StatsEngine,
  StatsReading,
  StatsSink,
  StatsStream,
  StatsStreamEnd,
} from '../stats/stats-engine';

/** A reading with quiet defaults; the counters a test cares about are overridden. */
export function fakeReading(overrides: Partial<StatsReading> = {}): StatsReading {
  return {
    time: 1_700_000_000_000,
    cpuTotal: 0,
    preCpuTotal: 0,
    systemCpu: 0,
    preSystemCpu: 0,
    onlineCpus: 2,
    memoryBytes: 10 * 1024 * 1024,
    memoryLimitBytes: 1024 * 1024 * 1024,
    networkRxBytes: 0,
    networkTxBytes: 0,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    pids: 1,
    ...overrides,
  };
}

/**
 * Stats streams in memory: a test pushes readings into the open stream of a container and ends it
 * the ways the engine does. Records every open, so tests can count engine streams.
 */
export class FakeStats implements StatsEngine {
  private readonly sinks = new Map<string, StatsSink>();
  /** Container ids, one per open() call, in order. */
  readonly opened: string[] = [];
  /** Container ids whose stream was closed by Bosun. */
  readonly closed: string[] = [];
  /** open() of these ids answers NOT_FOUND. */
  readonly gone = new Set<string>();
  /** Thrown by open() when set (an engine that refuses). */
  openError: AppError | undefined;
  memTotal = 8 * 1024 * 1024 * 1024;

  async open(id: string, sink: StatsSink): Promise<StatsStream> {
    this.opened.push(id);
    await Promise.resolve();
    if (this.gone.has(id)) throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone.`);
    if (this.openError) throw this.openError;
    this.sinks.set(id, sink);
    return {
      close: () => {
        if (this.sinks.get(id) !== sink) return;
        this.sinks.delete(id);
        this.closed.push(id);
      },
    };
  }

  async hostMemory(): Promise<number> {
    return this.memTotal;
  }

  /** Ids with an open stream. */
  get openIds(): string[] {
    return [...this.sinks.keys()];
  }

  isOpen(id: string): boolean {
    return this.sinks.has(id);
  }

  push(id: string, reading: StatsReading): void {
    const sink = this.sinks.get(id);
    if (!sink) throw new Error(`no open stats stream for ${id}`);
    sink.reading(reading);
  }

  /** The engine ends the stream (a stopped container, a removal, a broken connection). */
  end(id: string, end: StatsStreamEnd): void {
    const sink = this.sinks.get(id);
    this.sinks.delete(id);
    sink?.end(end);
  }
}
