import type { LogLine } from '../../../electron/shared/contract';
import { MAX_LOG_PAGE } from '../../../electron/shared/contract/logs';
import { toWireError } from '../../../electron/shared/errors';
import {
  openLogStream,
  type LogEnd,
  type LogStreamHandle,
  type LogStreamRequest,
} from '../../../electron/shared/logs/log-client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';
import { DEFAULT_LIMITS, LineRing, type RingLimits } from './line-ring';
import { LogSearch, type SliceScheduler } from './log-search';
import { compareLogTime } from './log-time';
import { ParsedLines } from './parsed-lines';

/** What the viewer shows: one container's log, optionally bounded in time and by stream. */
export interface LogQuery {
  readonly connectionId: string;
  readonly containerId: string;
  /** The last N lines first; every line when undefined. */
  readonly tail: number | undefined;
  readonly since: string | undefined;
  /** With an end time the stream does not follow. */
  readonly until: string | undefined;
  readonly stdout: boolean;
  readonly stderr: boolean;
}

export type ViewerPhase = 'idle' | 'opening' | 'streaming' | 'ended' | 'failed';

export interface ViewerSnapshot {
  /** Changes whenever the held lines change. */
  readonly version: number;
  readonly count: number;
  readonly phase: ViewerPhase;
  /** A TTY container: stderr cannot be told apart from stdout. */
  readonly tty: boolean;
  /** How the stream ended, as the core said (phase "ended"). */
  readonly end: LogEnd | undefined;
  /** Why the stream could not be opened (phase "failed"). */
  readonly failure: { readonly code: string; readonly message: string } | undefined;
  /** Following went past the buffer's cap and the oldest lines were let go (they can be paged in again). */
  readonly droppedOldest: boolean;
  /** Paging back went past the cap and the newest lines were let go: the live stream was stopped. */
  readonly droppedNewest: boolean;
  /** No earlier lines exist (or none within `since`). */
  readonly atStart: boolean;
  readonly paging: boolean;
  readonly pageError: string | undefined;
}

/** Lines asked for per page back. */
export const PAGE_LINES = 1_000;

export interface LogViewerOptions {
  readonly limits?: RingLimits;
  /** When batches are applied: once per animation frame, so a flood of lines is one render per frame. */
  readonly schedule?: Schedule;
  readonly searchSlices?: SliceScheduler;
}

interface PendingBatch {
  readonly lines: LogLine[];
  readonly done: () => void;
}

/**
 * One container's log as the viewer holds it: a live stream appended into a bounded ring once per
 * frame, pages of earlier lines prepended on demand, and a search over what is held. Lives outside
 * React; the panel renders its snapshot.
 */
export class LogViewer extends ExternalStore<ViewerSnapshot> {
  readonly ring: LineRing;
  readonly search: LogSearch;
  /** The rows' parsed text, by line id (ids are this viewer's own). */
  readonly parsed = new ParsedLines();
  private query: LogQuery | undefined;
  /** Bumped by every start: callbacks of an earlier stream or page see it changed and do nothing. */
  private generation = 0;
  private handle: LogStreamHandle | undefined;
  /** The live stream was let go (paging back dropped the newest lines): its lines are no longer wanted. */
  private detached = false;
  private pending: PendingBatch[] = [];
  private pendingLines = 0;
  private flushScheduled = false;
  private readonly schedule: Schedule;
  /** The ids at both ends when the snapshot was last published: the lines changed if either moved. */
  private shownFirst: number | undefined;
  private shownLast: number | undefined;

  constructor(
    private readonly client: BosunClient,
    options: LogViewerOptions = {},
  ) {
    super({
      version: 0,
      count: 0,
      phase: 'idle',
      tty: false,
      end: undefined,
      failure: undefined,
      droppedOldest: false,
      droppedNewest: false,
      atStart: false,
      paging: false,
      pageError: undefined,
    });
    this.ring = new LineRing(options.limits ?? DEFAULT_LIMITS);
    this.search = new LogSearch(this.ring, options.searchSlices);
    this.schedule = options.schedule ?? nextFrame;
  }

  /** Opens the log for `query`, replacing whatever was shown. */
  start(query: LogQuery): void {
    this.stopStream();
    this.query = query;
    this.ring.clear();
    this.update({
      phase: 'opening',
      tty: false,
      end: undefined,
      failure: undefined,
      droppedOldest: false,
      droppedNewest: false,
      // Every line was asked for: there is nothing before the first one (within `since`).
      atStart: query.tail === undefined,
      paging: false,
      pageError: undefined,
    });
    this.open({
      connectionId: query.connectionId,
      containerId: query.containerId,
      stdout: query.stdout,
      stderr: query.stderr,
      follow: query.until === undefined,
      ...(query.tail !== undefined ? { tail: query.tail } : {}),
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.until !== undefined ? { until: query.until } : {}),
    });
  }

  /**
   * Follows on from the last line held, keeping every line shown: after a stream was cut off (the
   * engine or the tunnel went away), nothing is missed and nothing shown twice. The engine's `since`
   * includes lines at exactly that time, so those already held are skipped. Falls back to a fresh
   * start when there is nothing to follow on from.
   */
  resume(): void {
    const query = this.query;
    const last = this.ring.last();
    // Detached: the newest lines were let go for older ones, so there is no last line to follow on from.
    if (!query || !last || query.until !== undefined || this.detached) return this.restart();
    this.stopStream();
    this.update({ phase: 'opening', end: undefined, failure: undefined });
    this.open(
      {
        connectionId: query.connectionId,
        containerId: query.containerId,
        stdout: query.stdout,
        stderr: query.stderr,
        follow: true,
        since: last.time,
      },
      { time: last.time, count: this.ring.countAtLastTime(MAX_LOG_PAGE) },
    );
  }

  private open(request: LogStreamRequest, skip?: { time: string; count: number }): void {
    const generation = this.generation;
    let toSkip = skip?.count ?? 0;
    const fresh = (lines: LogLine[]): LogLine[] => {
      if (toSkip === 0) return lines;
      let at = 0;
      while (at < lines.length && toSkip > 0 && lines[at]!.time === skip!.time) {
        at++;
        toSkip--;
      }
      // A line with a later time ends the overlap even if fewer came back than were held.
      if (at < lines.length) toSkip = 0;
      return at === 0 ? lines : lines.slice(at);
    };
    const current = (): boolean => generation === this.generation;
    openLogStream(
      this.client,
      request,
      {
        lines: (lines, done) => {
          if (!current() || this.detached) return done();
          const kept = fresh(lines);
          if (kept.length === 0) return done();
          this.take(kept, done);
        },
        ended: (end) => {
          if (!current() || this.detached) return;
          this.flush();
          this.handle = undefined;
          this.update({ phase: 'ended', end });
        },
      },
      // A failed ack or close means the stream is over already; its `ended` says how.
      { onError: () => undefined },
    ).then(
      (handle) => {
        if (!current() || this.detached) {
          void handle.close().catch(() => undefined);
          return;
        }
        if (this.getSnapshot().phase === 'opening') {
          this.handle = handle;
          this.update({ phase: 'streaming', tty: handle.tty });
        } else this.update({ tty: handle.tty });
      },
      (error: unknown) => {
        if (!current()) return;
        const { code, message } = toWireError(error);
        this.update({ phase: 'failed', failure: { code, message } });
      },
    );
  }

  /** Opens the same log again (after an engine was lost, or to get back to the latest lines). */
  restart(): void {
    if (this.query) this.start(this.query);
  }

  /** Prepends the page of lines just before the first one held; the newest go if the buffer is full. */
  async loadEarlier(): Promise<void> {
    const snapshot = this.getSnapshot();
    const first = this.ring.first();
    const query = this.query;
    if (!first || !query || snapshot.paging || snapshot.atStart) return;
    const generation = this.generation;
    this.update({ paging: true, pageError: undefined });
    let page: { lines: LogLine[]; more: boolean };
    try {
      page = await this.client.call('logs.page', {
        connectionId: query.connectionId,
        containerId: query.containerId,
        stdout: query.stdout,
        stderr: query.stderr,
        before: first.time,
        haveAtBefore: this.ring.countAtFirstTime(MAX_LOG_PAGE),
        limit: PAGE_LINES,
      });
    } catch (error) {
      if (generation === this.generation) {
        this.update({ paging: false, pageError: toWireError(error).message });
      }
      return;
    }
    // A new stream, or the first line left meanwhile: this page no longer joins what is held.
    if (generation !== this.generation || this.ring.first()?.id !== first.id) {
      if (generation === this.generation) this.update({ paging: false });
      return;
    }
    let lines = page.lines;
    let atStart = !page.more || lines.length === 0;
    const since = query.since;
    if (since !== undefined) {
      const kept = lines.filter((line) => compareLogTime(line.time, since) >= 0);
      if (kept.length < lines.length) atStart = true;
      lines = kept;
    }
    const dropped = this.ring.pushFront(lines);
    if (dropped > 0 && !this.detached) this.detach();
    this.update({ paging: false, atStart, droppedNewest: this.detached });
  }

  dispose(): void {
    this.stopStream();
    this.search.dispose();
  }

  /** Queues a batch for the next frame; the core hears it was taken once it is in the ring. */
  private take(lines: LogLine[], done: () => void): void {
    this.pending.push({ lines, done });
    this.pendingLines += lines.length;
    // Frames may be slow (a hidden window): lines beyond the cap would only be dropped, so go now.
    const cap = this.ring.limits.maxLines;
    while (this.pending.length > 1 && this.pendingLines - this.pending[0]!.lines.length >= cap) {
      const oldest = this.pending.shift()!;
      this.pendingLines -= oldest.lines.length;
      oldest.done();
      this.update({ droppedOldest: true, atStart: false });
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const generation = this.generation;
    this.schedule(() => {
      if (generation === this.generation) this.flush();
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = this.pending;
    if (batches.length === 0) return;
    this.pending = [];
    this.pendingLines = 0;
    let dropped = 0;
    for (const batch of batches) dropped += this.ring.pushBack(batch.lines);
    for (const batch of batches) batch.done();
    const { droppedOldest, atStart } = this.getSnapshot();
    this.update({ droppedOldest: droppedOldest || dropped > 0, atStart: atStart && dropped === 0 });
  }

  /** Stops the live stream but keeps every line held (paging back took its place). */
  private detach(): void {
    this.detached = true;
    this.releasePending();
    const handle = this.handle;
    this.handle = undefined;
    void handle?.close().catch(() => undefined);
  }

  private stopStream(): void {
    this.generation++;
    this.detached = false;
    this.releasePending();
    const handle = this.handle;
    this.handle = undefined;
    void handle?.close().catch(() => undefined);
  }

  private releasePending(): void {
    for (const batch of this.pending) batch.done();
    this.pending = [];
    this.pendingLines = 0;
    this.flushScheduled = false;
  }

  /** Publishes a change; the line count and version always follow the ring. */
  private update(change: Partial<ViewerSnapshot>): void {
    const current = this.getSnapshot();
    const first = this.ring.first()?.id;
    const last = this.ring.last()?.id;
    const linesChanged =
      current.count !== this.ring.length || this.shownFirst !== first || this.shownLast !== last;
    this.shownFirst = first;
    this.shownLast = last;
    this.set({
      ...current,
      ...change,
      count: this.ring.length,
      version: linesChanged ? current.version + 1 : current.version,
    });
    if (linesChanged) this.search.linesChanged();
  }
}
