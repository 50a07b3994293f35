import type { ContainerRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerEngine, ContainerSummary } from './container-engine';
import { failure } from './engine-errors';
import { contradiction, RECHECK_DELAYS_MS } from './event-expectations';

export interface ContainerCacheOptions {
  readonly connectionId: string;
  readonly engine: ContainerEngine;
  /** Ids whose rows changed (a missing row means the container is gone). */
  readonly onChanged: (ids: string[]) => void;
  /** A re-read failed: the connection is in trouble, the owner reconnects (and re-lists). */
  readonly onFailure: (error: AppError) => void;
  /** A re-read failed in a way no adapter translated: the original goes to the core's log, never the wire. */
  readonly onInternalError?: (error: unknown) => void;
  /** How long dirty ids are collected before one re-read; short enough to stay well under 50 ms. */
  readonly windowMs?: number;
  /** Above this many dirty ids one full list is cheaper than a filter of ids. */
  readonly fullListAbove?: number;
}

export interface RowFilter {
  /** Full ids or prefixes. */
  readonly ids?: readonly string[];
  readonly runningOnly?: boolean;
}

// `docker ps` without -a counts paused and restarting containers as running, and so do we.
const RUNNING = new Set<string>(['running', 'paused', 'restarting']);

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The containers of one engine, kept live: primed with one full list, then every engine event marks
 * its id dirty and dirty ids are re-read together in one filtered call, so a burst of events costs a
 * handful of small calls instead of a full list each.
 */
export class ContainerCache {
  private readonly rows = new Map<string, ContainerRow>();
  /** Dirty ids with the last event action seen for each (if any). */
  private readonly dirty = new Map<string, string | undefined>();
  /** How many re-reads in a row contradicted the last event, per id. */
  private readonly rechecks = new Map<string, number>();
  private readonly recheckTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | undefined;
  /** Resolves when the re-read covering the ids dirty right now has finished. */
  private nextDone: Deferred | undefined;
  private closed = false;

  constructor(private readonly options: ContainerCacheOptions) {}

  /** The first full list; events that arrive meanwhile are re-read after it. */
  prime(signal?: AbortSignal): Promise<void> {
    const both = signal ? AbortSignal.any([signal, this.abort.signal]) : this.abort.signal;
    return this.exclusive(async () => {
      this.replaceAll(await this.options.engine.listContainers({}, both));
    });
  }

  /** An engine event about this container: re-read it soon (with the event's action, to check the answer). */
  markDirty(id: string, action?: string): void {
    this.rechecks.delete(id);
    this.mark(id, action);
  }

  /** Waits until the ids dirty at the time of the call have been re-read (bounded under a storm). */
  settled(): Promise<void> {
    if (this.dirty.size > 0) return (this.nextDone ??= deferred()).promise;
    return this.inflight ?? Promise.resolve();
  }

  list(filter: RowFilter = {}): ContainerRow[] {
    let rows: ContainerRow[];
    if (filter.ids) {
      const prefixes = filter.ids.filter((id) => !this.rows.has(id));
      rows = [...this.rows.values()].filter(
        (row) => filter.ids!.includes(row.id) || prefixes.some((prefix) => row.id.startsWith(prefix)),
      );
    } else {
      rows = [...this.rows.values()];
    }
    return filter.runningOnly ? rows.filter((row) => RUNNING.has(row.state)) : rows;
  }

  get size(): number {
    return this.rows.size;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const timer of this.recheckTimers) clearTimeout(timer);
    this.recheckTimers.clear();
    this.abort.abort(new AppError('CANCELLED', 'The connection was closed.'));
    this.dirty.clear();
    this.nextDone?.resolve();
    this.nextDone = undefined;
  }

  private mark(id: string, action: string | undefined): void {
    if (this.closed) return;
    this.dirty.set(id, action ?? this.dirty.get(id));
    this.schedule();
  }

  private schedule(): void {
    // While a call is in flight, new ids wait for it and go out together in the next one.
    if (this.timer || this.inflight || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.exclusive(() => this.reread());
    }, this.options.windowMs ?? 5);
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    const run = work().finally(() => {
      this.inflight = undefined;
      if (this.dirty.size > 0) this.schedule();
    });
    this.inflight = run;
    return run;
  }

  private async reread(): Promise<void> {
    const batch = new Map(this.dirty);
    this.dirty.clear();
    const done = this.nextDone;
    this.nextDone = undefined;
    try {
      const ids = [...batch.keys()];
      const full = ids.length > (this.options.fullListAbove ?? 200);
      const rows = await this.options.engine.listContainers(full ? {} : { ids }, this.abort.signal);
      if (this.closed) return;
      const before = new Map(ids.map((id) => [id, this.rows.get(id)]));
      if (full) this.replaceAll(rows);
      else this.apply(ids, rows);
      for (const [id, action] of batch) if (action) this.check(id, action);
      const changed = ids.filter(
        (id) => JSON.stringify(before.get(id)) !== JSON.stringify(this.rows.get(id)),
      );
      if (changed.length > 0) this.options.onChanged(changed);
    } catch (error) {
      if (!this.closed) this.options.onFailure(error instanceof AppError ? error : this.unexpected(error));
    } finally {
      done?.resolve();
    }
  }

  private unexpected(error: unknown): AppError {
    this.options.onInternalError?.(error);
    return failure(
      'INTERNAL',
      'Bosun could not re-read the containers of this engine (an unexpected error, logged).',
      'Bosun reconnects by itself; if this repeats, report it with Bosun’s log.',
    );
  }

  private apply(ids: readonly string[], rows: readonly ContainerSummary[]): void {
    const found = new Set<string>();
    for (const row of rows) {
      this.rows.set(row.id, { ...row, connectionId: this.options.connectionId });
      found.add(row.id);
    }
    for (const id of ids) if (!found.has(id)) this.rows.delete(id);
  }

  /**
   * The engine logs some events (pause, unpause …) a moment before its list shows them: a stale answer
   * takes the event's state at once, and is read again shortly for the rest of the row.
   */
  private check(id: string, action: string): void {
    if (this.dirty.has(id)) return; // a newer event already asked for another read
    const row = this.rows.get(id);
    const wanted = contradiction(action, row);
    if (wanted === undefined) {
      this.rechecks.delete(id);
      return;
    }
    if (wanted === 'gone') this.rows.delete(id);
    else if (row) this.rows.set(id, { ...row, state: wanted });
    const attempt = this.rechecks.get(id) ?? 0;
    const delay = RECHECK_DELAYS_MS[attempt];
    if (delay === undefined) {
      this.rechecks.delete(id);
      return;
    }
    this.rechecks.set(id, attempt + 1);
    const timer = setTimeout(() => {
      this.recheckTimers.delete(timer);
      if (!this.dirty.has(id)) this.mark(id, action);
    }, delay);
    this.recheckTimers.add(timer);
  }

  private replaceAll(rows: readonly ContainerSummary[]): void {
    this.rows.clear();
    for (const row of rows) this.rows.set(row.id, { ...row, connectionId: this.options.connectionId });
  }
}
