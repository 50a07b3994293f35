import type { Connection } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ContainerCache } from '../containers/container-cache';
import type { ContainerEngine, EngineFactory, EventStream } from '../containers/container-engine';
import type { EngineSessionView } from '../containers/engine-directory';
import { failure, reasonAndHint } from '../containers/engine-errors';
import { Backoff, type BackoffOptions } from './backoff';
import type { ConnectionSpec } from './spec';

export interface SessionDeps {
  readonly createEngine: EngineFactory;
  /** The connection's status changed: publish connections.changed. */
  readonly onStatus: (id: string) => void;
  /** Containers changed: publish containers.changed. */
  readonly onContainers: (id: string, change: { ids: string[]; full: boolean }) => void;
  readonly log: (message: string) => void;
  readonly backoff?: BackoffOptions;
  readonly cacheWindowMs?: number;
  readonly now?: () => number;
}

type Status = Connection['status'];

// Events that never change a list row: skipping them keeps an open terminal from causing re-reads.
const QUIET_ACTIONS = /^(exec_|top$|resize$|attach$|archive-path$|extract-to-dir$|export$|copy$|commit$)/;

/**
 * One engine connection: connecting → connected (with one live event stream and a container cache)
 * or unavailable (with a reason), and back, retrying with backoff until disposed.
 */
export class ConnectionSession implements EngineSessionView {
  private status: Status;
  private live: { engine: ContainerEngine; cache: ContainerCache; events: EventStream } | undefined;
  private lastError: AppError | undefined;
  private attempt: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: Backoff;
  private generation = 0;
  private disposed = false;

  constructor(
    readonly spec: ConnectionSpec,
    private readonly deps: SessionDeps,
  ) {
    this.backoff = new Backoff(deps.backoff);
    const blocked = spec.blocked;
    this.status = blocked
      ? { state: 'unavailable', reason: blocked.reason, hint: blocked.hint, since: this.now() }
      : { state: 'connecting', since: this.now() };
  }

  get id(): string {
    return this.spec.id;
  }

  get state(): Status['state'] {
    return this.status.state;
  }

  toConnection(): Connection {
    const { spec } = this;
    return {
      id: spec.id,
      name: spec.name,
      kind: 'docker',
      endpoint: spec.endpoint,
      source: spec.source,
      ...(spec.contextName !== undefined ? { contextName: spec.contextName } : {}),
      current: spec.current,
      tls: spec.tls !== undefined,
      status: { ...this.status },
    };
  }

  /** Connect now (cancelling a pending retry); shows `connecting` while it tries. A live connection stays as it is. */
  connect(): Promise<void> {
    if (this.disposed || this.spec.blocked || this.live) return Promise.resolve();
    if (this.attempt) return this.attempt;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.status.state !== 'connecting') this.setStatus({ state: 'connecting', since: this.now() });
    return this.startAttempt();
  }

  /**
   * Waits while the connection is `connecting`, at most `withinMs` (a hung engine must not hold up a
   * caller for the whole connect timeout); rejects when the signal aborts.
   */
  async ready(signal?: AbortSignal, withinMs = Infinity): Promise<void> {
    const attempt = this.attempt;
    if (this.status.state !== 'connecting' || !attempt) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        attempt,
        new Promise<void>((resolve, reject) => {
          if (Number.isFinite(withinMs)) timer = setTimeout(resolve, withinMs);
          if (!signal) return;
          onAbort = () => reject(signal.reason);
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  liveCache(): ContainerCache {
    if (this.live) return this.live.cache;
    throw this.whyNotConnected();
  }

  whyNotConnected(): AppError {
    if (this.lastError) return this.lastError;
    if (this.spec.blocked) return failure('UNAVAILABLE', this.spec.blocked.reason, this.spec.blocked.hint);
    return failure(
      'UNAVAILABLE',
      `${this.spec.name} (${this.spec.endpoint}) is still connecting.`,
      'Its containers appear as soon as it answers.',
    );
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.abort?.abort(new AppError('CANCELLED', 'Bosun is shutting down.'));
    this.teardown();
  }

  private startAttempt(): Promise<void> {
    const generation = ++this.generation;
    const run = this.run(generation).finally(() => {
      if (this.attempt === run) this.attempt = undefined;
    });
    this.attempt = run;
    return run;
  }

  private async run(generation: number): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    let engine: ContainerEngine | undefined;
    let cache: ContainerCache | undefined;
    let events: EventStream | undefined;
    try {
      engine = await this.deps.createEngine(this.spec);
      const info = await engine.version(abort.signal);
      const liveCache = new ContainerCache({
        connectionId: this.spec.id,
        engine,
        windowMs: this.deps.cacheWindowMs,
        onChanged: (ids) => this.deps.onContainers(this.spec.id, { ids, full: false }),
        onFailure: (error) => this.lost(generation, error),
      });
      cache = liveCache;
      // The stream opens before the first list, so nothing that happens during the list is missed.
      events = await engine.watchEvents(
        {
          onEvent: (event) => {
            if (!QUIET_ACTIONS.test(event.action)) liveCache.markDirty(event.id, event.action);
          },
          onEnd: (error) => this.lost(generation, error),
        },
        abort.signal,
      );
      await cache.prime(abort.signal);
      if (generation !== this.generation) throw new AppError('CANCELLED', 'superseded');
      this.live = { engine, cache, events };
      this.lastError = undefined;
      this.backoff.reset();
      this.setStatus({ state: 'connected', since: this.now(), engine: info });
      this.deps.onContainers(this.spec.id, { ids: [], full: true });
    } catch (error) {
      events?.close();
      cache?.close();
      engine?.close();
      if (generation !== this.generation || this.disposed) return;
      this.fail(error instanceof AppError ? error : new AppError('INTERNAL', String(error)));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /** The live connection broke (stream ended, a re-read failed): go unavailable and retry. */
  private lost(generation: number, error: AppError): void {
    if (generation !== this.generation || this.disposed) return;
    this.generation++;
    this.abort?.abort(error);
    this.teardown();
    this.deps.log(`${this.spec.name} (${this.spec.endpoint}) was lost: ${error.message}`);
    this.fail(error);
  }

  private fail(error: AppError): void {
    this.lastError = error;
    const { reason, hint } = reasonAndHint(error);
    const since = this.status.state === 'unavailable' ? this.status.since : this.now();
    this.setStatus({ state: 'unavailable', reason, ...(hint ? { hint } : {}), since });
    const delay = this.backoff.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // Quiet retries: the status stays `unavailable` (with its reason) until one succeeds.
      if (!this.disposed && !this.attempt) void this.startAttempt();
    }, delay);
    this.retryTimer.unref?.();
  }

  private teardown(): void {
    const live = this.live;
    this.live = undefined;
    live?.events.close();
    live?.cache.close();
    live?.engine.close();
  }

  private setStatus(status: Status): void {
    const before = JSON.stringify(this.status);
    this.status = status;
    if (JSON.stringify(status) !== before) this.deps.onStatus(this.spec.id);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
