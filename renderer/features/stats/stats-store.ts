import type { StatsEntry, StatsSample, StatsStatus, StatsTarget } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';

/** What the screen knows of one container's stats. Replaced (never mutated) on every change. */
export interface KeyStats {
  /** `waiting` until the core's first word about it. */
  readonly status: StatsStatus | 'waiting';
  readonly message: string;
  /** Oldest first, at most the capacity its viewers asked for. */
  readonly samples: readonly StatsSample[];
}

/**
 * The most containers one watch may name (the contract's MAX_STATS_TARGETS). Not imported: a value
 * import from the contract makes the bundler put its schemas in a chunk that runs before zod is told
 * not to compile with eval (app/zod-csp.ts). stats-store.test.ts checks the two stay equal.
 */
export const MAX_WATCH_TARGETS = 100;

/** Points a table row keeps: a minute of sparkline. */
export const TABLE_POINTS = 60;
/** Points the details pane keeps: five minutes of chart. */
export const PANEL_POINTS = 300;

export interface StatsStoreOptions {
  /** Coalesces interest changes (a scroll) into one stats.watch call (150 ms). */
  readonly sendDelayMs?: number;
  /** How long a container that left the screen keeps its points (60 s): scrolling back shows them. */
  readonly forgetAfterMs?: number;
  readonly now?: () => number;
}

interface Interest {
  readonly keys: readonly string[];
  readonly capacity: number;
}

const WAITING: KeyStats = { status: 'waiting', message: '', samples: [] };

function targetOf(key: string): StatsTarget | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0) return undefined;
  return { connectionId: key.slice(0, slash), containerId: key.slice(slash + 1) };
}

/**
 * Live stats on the client: every part of the screen says which containers it shows (`setInterest`),
 * the store asks the core for their union in one watch, and keeps a bounded history per container.
 * Components subscribe to one container each, so a sample re-renders only what shows that container.
 */
export class StatsStore {
  private readonly interests = new Map<string, Interest>();
  private readonly data = new Map<string, KeyStats>();
  private readonly listeners = new Map<string, Set<() => void>>();
  /** When each key left every interest; forgotten after forgetAfterMs. */
  private readonly leftAt = new Map<string, number>();
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private watchId = '';
  private sent = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sendDelayMs: number;
  private readonly forgetAfterMs: number;
  private readonly now: () => number;

  constructor(options: StatsStoreOptions = {}) {
    this.sendDelayMs = options.sendDelayMs ?? 150;
    this.forgetAfterMs = options.forgetAfterMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    // A new link is a new client to the core: the old watch ended with the old one.
    this.watchId = crypto.randomUUID();
    this.sent = '';
    this.subscription = client.subscribe('stats.samples', { watchId: this.watchId }, ({ entries }) =>
      this.take(entries),
    );
    this.schedule();
  }

  /** The link is gone: keep what is on screen, ask nothing until the next client. */
  detach(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.subscription?.close();
    this.subscription = undefined;
    this.client = undefined;
  }

  /** The containers one part of the screen shows now (replacing what it showed before). */
  setInterest(source: string, keys: readonly string[], capacity: number): void {
    const before = this.wanted();
    if (keys.length === 0) this.interests.delete(source);
    else this.interests.set(source, { keys, capacity });
    const after = this.wanted();
    const now = this.now();
    for (const key of before.keys()) if (!after.has(key)) this.leftAt.set(key, now);
    for (const key of after.keys()) this.leftAt.delete(key);
    this.forget(now);
    this.schedule();
  }

  readonly subscribeKey = (key: string, listener: () => void): (() => void) => {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  };

  /** The stats of one container; the same object until it changes. */
  getKey(key: string): KeyStats {
    return this.data.get(key) ?? WAITING;
  }

  /** Each key and the most points any part of the screen wants of it, in the order of interest. */
  private wanted(): Map<string, number> {
    const wanted = new Map<string, number>();
    // The details pane (the widest history) first: it is never left out when the table is full.
    const interests = [...this.interests.values()].sort((a, b) => b.capacity - a.capacity);
    for (const { keys, capacity } of interests) {
      for (const key of keys) wanted.set(key, Math.max(capacity, wanted.get(key) ?? 0));
    }
    return wanted;
  }

  private schedule(): void {
    if (this.timer || !this.client) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, this.sendDelayMs);
  }

  private async send(): Promise<void> {
    const client = this.client;
    const subscription = this.subscription;
    if (!client || !subscription) return;
    const keys = [...this.wanted().keys()].slice(0, MAX_WATCH_TARGETS);
    const targets = keys.map(targetOf).filter((t): t is StatsTarget => t !== undefined);
    const signature = keys.join('\n');
    if (signature === this.sent) return;
    this.sent = signature;
    try {
      await subscription.ready;
      await client.call('stats.watch', { watchId: this.watchId, targets });
    } catch (error) {
      if (client !== this.client) return;
      this.sent = '';
      const message = isAppError(error) ? error.message : 'Bosun could not ask for live stats.';
      for (const key of keys) this.update(key, { ...this.getKey(key), status: 'unavailable', message });
    }
  }

  private take(entries: readonly StatsEntry[]): void {
    const wanted = this.wanted();
    for (const entry of entries) {
      const key = `${entry.connectionId}/${entry.containerId}`;
      const capacity = wanted.get(key) ?? TABLE_POINTS;
      const before = this.getKey(key);
      const last = before.samples.at(-1)?.time ?? -Infinity;
      const fresh = entry.samples.filter((s) => s.time > last);
      const samples = fresh.length === 0 ? before.samples : [...before.samples, ...fresh].slice(-capacity);
      this.update(key, { status: entry.status, message: entry.message, samples });
    }
    this.forget(this.now());
  }

  private update(key: string, next: KeyStats): void {
    this.data.set(key, next);
    for (const listener of this.listeners.get(key) ?? []) listener();
  }

  private forget(now: number): void {
    for (const [key, at] of this.leftAt) {
      if (now - at < this.forgetAfterMs) continue;
      this.leftAt.delete(key);
      this.data.delete(key);
      for (const listener of this.listeners.get(key) ?? []) listener();
    }
  }
}
