import type { LogLine } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerPresence, LogLineSink, LogSource, LogsEngine, LogsQuery } from '../logs/logs-engine';
import { compareLogTime } from '../../shared/logs/log-time';

interface FakeLog {
  tty: boolean;
  lines: LogLine[];
  presence: ContainerPresence;
}

interface Follower {
  readonly id: string;
  readonly query: LogsQuery;
  readonly sink: LogLineSink;
  /** Lines not yet delivered (held while paused). */
  queue: LogLine[];
  paused: boolean;
  closed: boolean;
}

/**
 * Container logs in memory, with the engine's semantics: `tail` picks the last N lines of the whole
 * log first, then `since`/`until` filter (both inclusive); a followed stream gets appended lines until
 * the container stops or goes. Lines are delivered in chunks of `chunkLines`, one chunk per I/O turn,
 * and a paused stream delivers nothing until resumed.
 */
export class FakeLogs implements LogsEngine {
  private readonly logs = new Map<string, FakeLog>();
  private readonly followers = new Set<Follower>();
  /** Every query, as `id` + query. */
  readonly opened: { id: string; query: LogsQuery }[] = [];
  /** Thrown by open (a log driver that cannot be read…). */
  openError: AppError | undefined;
  chunkLines = 500;

  /** Adds (or replaces) a container's log. */
  container(id: string, lines: LogLine[] = [], tty = false): this {
    this.logs.set(id, { tty, lines: [...lines], presence: 'running' });
    return this;
  }

  /** The container writes more lines: followers get them. */
  append(id: string, lines: LogLine[]): void {
    const log = this.require(id);
    log.lines.push(...lines);
    for (const follower of this.followers) {
      if (follower.id === id)
        this.enqueue(
          follower,
          lines.filter((line) => this.selected(line, follower.query)),
        );
    }
  }

  /** The container stops (followed streams end without error) or is removed (`gone`). */
  stop(id: string, presence: 'stopped' | 'gone' = 'stopped'): void {
    const log = this.require(id);
    log.presence = presence;
    for (const follower of this.followers) if (follower.id === id) this.finishWhenDrained(follower);
  }

  /** The engine connection breaks: every follower of `id` ends with the error. */
  breakStreams(id: string, error: AppError): void {
    for (const follower of [...this.followers]) {
      if (follower.id !== id || follower.closed) continue;
      follower.closed = true;
      this.followers.delete(follower);
      follower.sink.end(error);
    }
  }

  /** Streams open now (not closed, not ended). */
  get openStreams(): number {
    return this.followers.size;
  }

  async open(id: string, query: LogsQuery, sink: LogLineSink): Promise<LogSource> {
    this.opened.push({ id, query });
    if (this.openError) throw this.openError;
    const log = this.logs.get(id);
    if (!log || log.presence === 'gone') {
      throw new AppError('NOT_FOUND', `No such container: ${id}`);
    }
    const all = query.tail === undefined ? log.lines : query.tail === 0 ? [] : log.lines.slice(-query.tail);
    const follower: Follower = { id, query, sink, queue: [], paused: false, closed: false };
    this.followers.add(follower);
    this.enqueue(
      follower,
      all.filter((line) => this.selected(line, query)),
    );
    // The engine ends a stream up to `until` once it is reached (here: at once, the fake's clock is frozen).
    if (!query.follow || query.until !== undefined || log.presence === 'stopped') {
      this.finishWhenDrained(follower);
    }
    return {
      tty: log.tty,
      pause: () => {
        follower.paused = true;
      },
      resume: () => {
        follower.paused = false;
        this.pump(follower);
      },
      close: () => {
        follower.closed = true;
        this.followers.delete(follower);
      },
    };
  }

  async presence(id: string): Promise<ContainerPresence> {
    return this.logs.get(id)?.presence ?? 'gone';
  }

  private ending = new WeakSet<Follower>();

  private finishWhenDrained(follower: Follower): void {
    this.ending.add(follower);
    this.pump(follower);
  }

  private enqueue(follower: Follower, lines: LogLine[]): void {
    follower.queue.push(...lines);
    this.pump(follower);
  }

  private scheduled = new WeakSet<Follower>();

  /** Delivers one chunk per I/O turn while not paused; ends a finished stream once drained. */
  private pump(follower: Follower): void {
    if (this.scheduled.has(follower)) return;
    this.scheduled.add(follower);
    setImmediate(() => {
      this.scheduled.delete(follower);
      if (follower.closed || follower.paused) return;
      const chunk = follower.queue.splice(0, this.chunkLines);
      if (chunk.length > 0) follower.sink.lines(chunk);
      if (follower.closed) return;
      if (follower.queue.length > 0) this.pump(follower);
      else if (this.ending.has(follower)) {
        follower.closed = true;
        this.followers.delete(follower);
        follower.sink.end();
      }
    });
  }

  private selected(line: LogLine, query: LogsQuery): boolean {
    if (line.stream === 'stdout' ? !query.stdout : !query.stderr) return false;
    if (query.since !== undefined && compareLogTime(line.time, query.since) < 0) return false;
    if (query.until !== undefined && compareLogTime(line.time, query.until) > 0) return false;
    return true;
  }

  private require(id: string): FakeLog {
    const log = this.logs.get(id);
    if (!log) throw new Error(`fake logs: no container ${id}`);
    return log;
  }
}
