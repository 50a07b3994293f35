import type { StatsTarget } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineDirectory } from '../containers/engine-directory';
import type { StatsStreamEnd } from './stats-engine';
import { StatsFeed } from './stats-feed';

export interface FeedPoolOptions {
  readonly engines: EngineDirectory;
  /** Engine stats streams open at once per engine; more containers are answered "not sampled". */
  readonly maxStreams: number;
  /** How long a stream stays open after its last watcher left: scrolling back costs nothing. */
  readonly lingerMs: number;
  /** How long before a stream that broke off is opened again. */
  readonly retryMs: number;
}

const SAMPLED_STATES = new Set(['running', 'paused']);

export function keyOf(target: StatsTarget): string {
  return `${target.connectionId}/${target.containerId}`;
}

/**
 * The engine stats streams, one per watched container, counted by watchers: opened while someone
 * watches and the container runs, closed a little after the last watcher leaves, capped per engine.
 */
export class FeedPool {
  private readonly feeds = new Map<string, StatsFeed>();
  private disposed = false;

  constructor(private readonly options: FeedPoolOptions) {}

  get(key: string): StatsFeed | undefined {
    return this.feeds.get(key);
  }

  /** An engine said containers changed: streams start for containers that started, end for the rest. */
  containersChanged(change: { connectionId: string; ids: readonly string[]; full: boolean }): void {
    const ids = new Set(change.ids);
    for (const feed of this.feeds.values()) {
      if (feed.connectionId !== change.connectionId) continue;
      if (change.full || ids.has(feed.containerId)) this.refresh(feed);
    }
  }

  /** Engine streams open (or opening), per connection or in all. */
  streamCount(connectionId?: string): number {
    let n = 0;
    for (const feed of this.feeds.values()) {
      if (feed.streaming && (connectionId === undefined || feed.connectionId === connectionId)) n++;
    }
    return n;
  }

  dispose(): void {
    this.disposed = true;
    for (const feed of this.feeds.values()) feed.dispose();
    this.feeds.clear();
  }

  acquire(target: StatsTarget): void {
    const key = keyOf(target);
    let feed = this.feeds.get(key);
    if (feed) {
      clearTimeout(feed.lingerTimer);
      feed.lingerTimer = undefined;
      feed.refs++;
      // Cheap (the live list, no engine call), and it retries what waits for a slot or a connection.
      this.refresh(feed);
      return;
    }
    feed = new StatsFeed(key, target.connectionId, target.containerId, (f, end) => this.ended(f, end));
    feed.refs = 1;
    this.feeds.set(key, feed);
    this.refresh(feed);
  }

  release(key: string): void {
    const feed = this.feeds.get(key);
    if (!feed || --feed.refs > 0) return;
    if (feed.streaming && this.someoneWaits(feed.connectionId)) {
      // A watched container waits for a slot: it gets this one now, not after the linger.
      this.drop(feed);
      return;
    }
    feed.lingerTimer = setTimeout(() => {
      if (feed.refs > 0 || this.feeds.get(key) !== feed) return;
      this.drop(feed);
    }, this.options.lingerMs);
  }

  private drop(feed: StatsFeed): void {
    const freed = feed.streaming;
    feed.dispose();
    this.feeds.delete(feed.key);
    if (freed) this.admitWaiting(feed.connectionId);
  }

  /** Brings a feed in line with its container's state in the connection's live list. */
  private refresh(feed: StatsFeed): void {
    if (this.disposed) return;
    clearTimeout(feed.retryTimer);
    feed.retryTimer = undefined;
    const view = this.options.engines.get(feed.connectionId);
    if (!view) {
      this.stopFeed(feed, 'unavailable', `There is no connection "${feed.connectionId}".`);
      return;
    }
    let engine;
    let row;
    try {
      engine = view.liveEngine();
      row = view.liveCache().list({ ids: [feed.containerId] })[0];
    } catch (error) {
      const message = error instanceof AppError ? error.message : `${view.endpoint} is not connected.`;
      this.stopFeed(feed, 'unavailable', message);
      return;
    }
    if (!row) {
      this.stopFeed(feed, 'gone', `The container is gone from ${view.endpoint}.`);
      return;
    }
    if (!SAMPLED_STATES.has(row.state)) {
      this.stopFeed(
        feed,
        'not-running',
        `The container is ${row.state}: only a running container has stats.`,
      );
      return;
    }
    feed.paused = row.state === 'paused';
    if (feed.streaming) return;
    if (!this.makeRoom(feed.connectionId)) {
      feed.setStatus(
        'not-sampled',
        `Not sampled: Bosun streams stats for at most ${this.options.maxStreams} containers of ${view.endpoint} at a time. Scroll fewer rows into view.`,
      );
      return;
    }
    void feed.open(engine.stats);
  }

  private stopFeed(feed: StatsFeed, status: 'unavailable' | 'gone' | 'not-running', message: string): void {
    const freed = feed.streaming;
    feed.stop(status, message);
    if (freed) this.admitWaiting(feed.connectionId);
  }

  /** Whether one more stream fits on this engine, closing a lingering one (nobody watches it) if need be. */
  private makeRoom(connectionId: string): boolean {
    if (this.streamCount(connectionId) < this.options.maxStreams) return true;
    for (const feed of this.feeds.values()) {
      if (feed.connectionId === connectionId && feed.refs === 0 && feed.streaming) {
        this.feeds.delete(feed.key);
        feed.dispose();
        return true;
      }
    }
    return false;
  }

  private someoneWaits(connectionId: string): boolean {
    for (const feed of this.feeds.values()) {
      if (feed.connectionId === connectionId && feed.status === 'not-sampled' && feed.refs > 0) return true;
    }
    return false;
  }

  /** A stream slot freed up: the oldest watched container that was not sampled gets it. */
  private admitWaiting(connectionId: string): void {
    for (const feed of this.feeds.values()) {
      if (feed.connectionId !== connectionId || feed.status !== 'not-sampled' || feed.refs === 0) continue;
      if (this.streamCount(connectionId) >= this.options.maxStreams) return;
      this.refresh(feed);
    }
  }

  private ended(feed: StatsFeed, end: StatsStreamEnd): void {
    if (this.disposed || this.feeds.get(feed.key) !== feed) return;
    if (feed.refs === 0) {
      // Lingering for nobody: no reason to open it again.
      this.drop(feed);
      return;
    }
    if (end.kind === 'stopped') {
      // Opened again by the containers.changed that a start brings.
      feed.stop('not-running', 'The container stopped: only a running container has stats.');
    } else if (end.kind === 'failed' && end.error.code === 'NOT_FOUND') {
      feed.stop('gone', end.error.message);
    } else {
      const message =
        end.kind === 'failed' ? end.error.message : 'The engine ended the stats stream; reopening it.';
      feed.stop('unavailable', message);
      // A removed container's stream also just ends: its containers.changed usually says so first.
      feed.retryTimer = setTimeout(
        () => this.refresh(feed),
        end.kind === 'failed' ? this.options.retryMs : 1_000,
      );
    }
    this.admitWaiting(feed.connectionId);
  }
}
