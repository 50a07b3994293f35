import { MAX_STATS_WATCHES_PER_CLIENT, type ParsedIn, type StatsSamples } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineDirectory } from '../containers/engine-directory';
import { FeedPool, keyOf } from './feed-pool';

export interface StatsOptions {
  /** Engine stats streams open at once per engine; more containers are answered "not sampled" (50). */
  readonly maxStreamsPerEngine?: number;
  /** How long a stream stays open after its last watcher left (5 s): scrolling back costs nothing. */
  readonly lingerMs?: number;
  /** How often each watch gets its batch (1 s, the engine's own sampling period). */
  readonly tickMs?: number;
  /** How long before a stream that broke off is opened again (5 s). */
  readonly retryMs?: number;
}

export interface StatsServiceDeps extends StatsOptions {
  readonly engines: EngineDirectory;
  readonly publish: (samples: StatsSamples) => void;
}

/** What the event bus asks before and after a stats.samples subscription (its SubscriptionGuard). */
export interface SamplesGuard {
  admit(params: { readonly watchId: string }, clientId: string): AppError | undefined;
  release(params: { readonly watchId: string }, clientId: string): void;
}

interface Watch {
  readonly clientId: string;
  keys: readonly string[];
  /** The feed version each key was last sent at. */
  readonly sent: Map<string, number>;
}

/**
 * Live stats for what clients show. Each client names its containers in watches (replaced whole on
 * every call); each container has at most one engine stream, shared by every watch that shows it,
 * opened while someone watches and closed a little after the last one leaves. Engines are protected
 * by a cap on open streams; each watch gets one batched event a second.
 */
export class StatsService {
  private readonly pool: FeedPool;
  private readonly watches = new Map<string, Watch>();
  /** Subscriptions per watch id, and whose: the first subscriber (or watcher) owns the id. */
  private readonly claims = new Map<string, { clientId: string; subscriptions: number }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private readonly tickMs: number;

  constructor(private readonly deps: StatsServiceDeps) {
    this.tickMs = deps.tickMs ?? 1_000;
    this.pool = new FeedPool({
      engines: deps.engines,
      maxStreams: deps.maxStreamsPerEngine ?? 50,
      lingerMs: deps.lingerMs ?? 5_000,
      retryMs: deps.retryMs ?? 5_000,
    });
  }

  async watch(input: ParsedIn<'stats.watch'>, clientId: string): Promise<null> {
    const { watchId } = input;
    this.assertOwner(watchId, clientId);
    let watch = this.watches.get(watchId);
    if (!watch) {
      if (this.countFor(clientId) >= MAX_STATS_WATCHES_PER_CLIENT) {
        throw new AppError(
          'CONFLICT',
          `This window already holds ${MAX_STATS_WATCHES_PER_CLIENT} stats watches: end one (stats.unwatch) first.`,
        );
      }
      watch = { clientId, keys: [], sent: new Map() };
      this.watches.set(watchId, watch);
    }
    await this.deps.engines.loaded();
    if (this.disposed || this.watches.get(watchId) !== watch) return null;
    const next = [...new Map(input.targets.map((t) => [keyOf(t), t])).values()];
    const nextKeys = next.map(keyOf);
    const before = new Set(watch.keys);
    for (const target of next) if (!before.has(keyOf(target))) this.pool.acquire(target);
    const kept = new Set(nextKeys);
    for (const key of watch.keys) {
      if (!kept.has(key)) {
        watch.sent.delete(key);
        this.pool.release(key);
      }
    }
    watch.keys = nextKeys;
    this.startTicking();
    return null;
  }

  unwatch(watchId: string, clientId: string): null {
    const watch = this.watches.get(watchId);
    if (!watch || watch.clientId !== clientId) {
      throw new AppError('NOT_FOUND', 'There is no such stats watch (it may have ended already).');
    }
    this.end(watchId, watch);
    return null;
  }

  /** An engine said containers changed: streams start for containers that started, end for the rest. */
  containersChanged(change: { connectionId: string; ids: readonly string[]; full: boolean }): void {
    this.pool.containersChanged(change);
  }

  /** Who may read a watch's samples: its owner only; anyone else is told it does not exist. */
  readonly samplesGuard: SamplesGuard = {
    admit: ({ watchId }, clientId) => {
      const owner = this.ownerOf(watchId);
      if (owner !== undefined && owner !== clientId) {
        return new AppError('NOT_FOUND', 'There is no such stats watch.');
      }
      const claim = this.claims.get(watchId);
      if (claim) claim.subscriptions++;
      else this.claims.set(watchId, { clientId, subscriptions: 1 });
      return undefined;
    },
    release: ({ watchId }) => {
      const claim = this.claims.get(watchId);
      if (claim && --claim.subscriptions <= 0) this.claims.delete(watchId);
    },
  };

  /** The client went away: its watches end (streams nobody else watches close after the linger). */
  closeClient(clientId: string): void {
    for (const [watchId, watch] of [...this.watches])
      if (watch.clientId === clientId) this.end(watchId, watch);
    for (const [watchId, claim] of [...this.claims])
      if (claim.clientId === clientId) this.claims.delete(watchId);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.pool.dispose();
    this.watches.clear();
  }

  /** For tests and the bench: engine streams open (or opening), per connection or in all. */
  streamCount(connectionId?: string): number {
    return this.pool.streamCount(connectionId);
  }

  get watchCount(): number {
    return this.watches.size;
  }

  /** Sends each watch what is new for it: one event per watch per tick, none when nothing changed. */
  flush(): void {
    for (const [watchId, watch] of this.watches) {
      const entries = [];
      for (const key of watch.keys) {
        const feed = this.pool.get(key);
        if (!feed) continue;
        const entry = feed.entrySince(watch.sent.get(key) ?? 0);
        if (!entry) continue;
        watch.sent.set(key, feed.version);
        entries.push(entry);
      }
      if (entries.length > 0) this.deps.publish({ watchId, entries });
    }
  }

  private end(watchId: string, watch: Watch): void {
    this.watches.delete(watchId);
    for (const key of watch.keys) this.pool.release(key);
    if (this.watches.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private startTicking(): void {
    if (this.timer || this.disposed) return;
    this.timer = setInterval(() => this.flush(), this.tickMs);
    this.timer.unref?.();
  }

  private ownerOf(watchId: string): string | undefined {
    return this.watches.get(watchId)?.clientId ?? this.claims.get(watchId)?.clientId;
  }

  private assertOwner(watchId: string, clientId: string): void {
    const owner = this.ownerOf(watchId);
    if (owner !== undefined && owner !== clientId) {
      throw new AppError('NOT_FOUND', 'There is no such stats watch.');
    }
  }

  private countFor(clientId: string): number {
    let n = 0;
    for (const watch of this.watches.values()) if (watch.clientId === clientId) n++;
    return n;
  }
}
