import type { Connection } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ContainerCache } from '../containers/container-cache';
import type {
  ContainerEngine,
  EngineEvent,
  EngineInfo,
  EngineFactory,
  EventStream,
} from '../containers/container-engine';
import type { EngineSessionView } from '../containers/engine-directory';
import { failure, reasonAndHint } from '../containers/engine-errors';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { DEFAULT_LIVENESS, watchLiveness, type LivenessOptions, type Watchdog } from './liveness-watchdog';
import { sameTarget, type ConnectionSpec } from './spec';
import { credentialOf } from './credential-status';

export interface SessionDeps {
  readonly createEngine: EngineFactory;
  /** The connection's status changed: publish connections.changed. */
  readonly onStatus: (id: string) => void;
  /** Containers changed: publish containers.changed. */
  readonly onContainers: (id: string, change: { ids: string[]; full: boolean }) => void;
  /** Every engine event (containers, images, volumes, networks), for hints beyond the container cache. */
  readonly onEngineEvent?: (id: string, event: EngineEvent) => void;
  readonly log: (message: string) => void;
  /** Something failed that no adapter translated: the original goes here, never onto the wire. */
  readonly onInternalError?: (error: unknown) => void;
  readonly backoff?: BackoffOptions;
  readonly liveness?: LivenessOptions;
  readonly cacheWindowMs?: number;
  readonly now?: () => number;
}

type Status = Omit<Connection['status'], 'retryable'>;

interface Live {
  readonly engine: ContainerEngine;
  readonly cache: ContainerCache;
  readonly events: EventStream;
  readonly watchdog: Watchdog;
}

/** The host key problem an SSH refusal carries, for the status (the UI shows the fingerprint). */
/** What the user set for a connection they added, as the edit form shows it. */
function settingsOf(spec: ConnectionSpec): NonNullable<Connection['settings']> {
  const { tls, ssh } = spec;
  return {
    ...(tls?.ca && tls.cert && tls.key ? { tls: { ca: tls.ca, cert: tls.cert, key: tls.key } } : {}),
    ...(ssh?.identityFile ? { identityFile: ssh.identityFile } : {}),
    ...(ssh?.remoteSocket ? { remoteSocket: ssh.remoteSocket } : {}),
  };
}

function withoutRetry(status: Status): Status {
  const { retry: _retry, ...rest } = status;
  return rest;
}

function hostKeyOf(error: AppError): Status['hostKey'] {
  if (error.code !== 'HOST_KEY_UNKNOWN' && error.code !== 'HOST_KEY_CHANGED') return undefined;
  const { host, keyType, fingerprint } = error.details ?? {};
  if (typeof host !== 'string' || typeof keyType !== 'string' || typeof fingerprint !== 'string')
    return undefined;
  return { problem: error.code === 'HOST_KEY_UNKNOWN' ? 'unknown' : 'changed', host, keyType, fingerprint };
}

/**
 * Refusals that retrying cannot cure: a host key to review, a login refused. Retrying them by itself
 * every few seconds would also look like an attack to the server (fail2ban bans after a handful of
 * failed logins): they wait for the user (Retry, accept the key, give the passphrase).
 */
function waitsForUser(error: AppError): boolean {
  return error.code === 'PERMISSION_DENIED' || error.code.startsWith('HOST_KEY_');
}

// Events that never change a list row: skipping them keeps an open terminal from causing re-reads.
const QUIET_ACTIONS = /^(exec_|top$|resize$|attach$|archive-path$|extract-to-dir$|export$|copy$|commit$)/;

/**
 * One engine connection: connecting → connected (with one live event stream, a container cache and a
 * liveness watchdog) or unavailable (with a reason), and back, retrying with backoff until disposed.
 */
export class ConnectionSession implements EngineSessionView {
  private current: ConnectionSpec;
  private status: Status;
  private live: Live | undefined;
  private lastError: AppError | undefined;
  private attempt: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: Backoff;
  /** When the live connection was lost (set while reconnecting), or when the first attempt failed. */
  private downSince: number | undefined;
  /** Whether this session was ever connected since it was made: a failure after that is a reconnect. */
  private wasConnected = false;
  private generation = 0;
  private disposed = false;

  constructor(
    spec: ConnectionSpec,
    private readonly deps: SessionDeps,
  ) {
    this.current = spec;
    this.backoff = new Backoff(deps.backoff ?? DEFAULT_BACKOFF);
    const blocked = spec.blocked;
    this.status = blocked
      ? { state: 'unavailable', reason: blocked.reason, hint: blocked.hint, since: this.now() }
      : { state: 'connecting', since: this.now() };
  }

  get spec(): ConnectionSpec {
    return this.current;
  }

  get endpoint(): string {
    return this.current.endpoint;
  }

  get id(): string {
    return this.current.id;
  }

  get state(): Status['state'] {
    return this.status.state;
  }

  toConnection(): Connection {
    const spec = this.current;
    return {
      id: spec.id,
      name: spec.name,
      kind: 'docker',
      endpoint: spec.endpoint,
      source: spec.source,
      ...(spec.contextName !== undefined ? { contextName: spec.contextName } : {}),
      current: spec.current,
      tls: spec.tls !== undefined,
      ...(spec.source === 'user' ? { settings: settingsOf(spec) } : {}),
      // A blocked connection is never dialled: a Retry button for it could only ever fail.
      status: { ...this.status, retryable: !spec.blocked },
    };
  }

  /**
   * Takes a rediscovered spec for the same engine (a new name, the current flag moved) without
   * touching the live connection; publishes the change.
   */
  relabel(spec: ConnectionSpec): void {
    if (spec.id !== this.current.id || !sameTarget(spec, this.current))
      throw new AppError('INTERNAL', 'relabel: not the same engine');
    const before = JSON.stringify(this.toConnection());
    this.current = spec;
    if (JSON.stringify(this.toConnection()) !== before) this.deps.onStatus(spec.id);
  }

  /** Connect now (cancelling a pending retry); shows `connecting` while it tries. A live connection stays as it is. */
  connect(): Promise<void> {
    if (this.disposed || this.current.blocked || this.live) return Promise.resolve();
    if (this.attempt) return this.attempt;
    this.clearRetry();
    // Reconnecting stays reconnecting (with its reason) while the asked-for attempt runs.
    if (this.status.state === 'unavailable') this.setStatus({ state: 'connecting', since: this.now() });
    else if (this.status.state === 'reconnecting') this.setStatus(withoutRetry(this.status));
    return this.startAttempt();
  }

  /**
   * The machine woke up (timers jumped) or the user is back: check a live connection now instead of at
   * the next ping, and retry a lost one now instead of after its backoff.
   */
  nudge(): void {
    if (this.disposed || this.current.blocked) return;
    if (this.live) {
      this.live.watchdog.checkNow();
      return;
    }
    if (this.attempt || (this.lastError && waitsForUser(this.lastError))) return;
    this.backoff.reset();
    void this.connect();
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

  liveEngine(): ContainerEngine {
    if (this.live) return this.live.engine;
    throw this.whyNotConnected();
  }

  whyNotConnected(): AppError {
    if (this.lastError) return this.lastError;
    const spec = this.current;
    if (spec.blocked) return failure('UNAVAILABLE', spec.blocked.reason, spec.blocked.hint);
    return failure(
      'UNAVAILABLE',
      `${spec.name} (${spec.endpoint}) is still connecting.`,
      'Its containers appear as soon as it answers.',
    );
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.clearRetry();
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
    const spec = this.current;
    let engine: ContainerEngine | undefined;
    let cache: ContainerCache | undefined;
    let events: EventStream | undefined;
    try {
      engine = await this.deps.createEngine(spec);
      const liveCache = new ContainerCache({
        connectionId: spec.id,
        engine,
        windowMs: this.deps.cacheWindowMs,
        onChanged: (ids) => this.deps.onContainers(spec.id, { ids, full: false }),
        onFailure: (error) => this.lost(generation, error),
        ...(this.deps.onInternalError ? { onInternalError: this.deps.onInternalError } : {}),
      });
      cache = liveCache;
      // The engine's identity and the event stream are asked at once: one round trip less before the
      // first list, which counts most over an SSH tunnel. The stream opens before the first list, so
      // nothing that happens during the list is missed.
      const streamAsked = engine.watchEvents(
        {
          onEvent: (event) => {
            if (event.type === 'container' && !QUIET_ACTIONS.test(event.action))
              liveCache.markDirty(event.id, event.action);
            this.deps.onEngineEvent?.(spec.id, event);
          },
          onEnd: (error) => this.lost(generation, error),
        },
        abort.signal,
      );
      // Handled here too: a stream refused while the identity is still on its way must not go unheard.
      streamAsked.catch(() => undefined);
      let info: EngineInfo;
      try {
        info = await engine.version(abort.signal);
      } catch (error) {
        // The identity's failure is the reason (a hung engine times out here); the stream asked beside
        // it is cancelled, or closed should it open anyway.
        abort.abort();
        void streamAsked.then(
          (stream) => stream.close(),
          () => undefined,
        );
        throw error;
      }
      const liveEvents = await streamAsked;
      events = liveEvents;
      await cache.prime(abort.signal);
      if (generation !== this.generation) throw new AppError('CANCELLED', 'superseded');
      const watchdog = watchLiveness(engine, this.deps.liveness ?? DEFAULT_LIVENESS, (error) =>
        this.lost(generation, error),
      );
      this.live = { engine, cache, events: liveEvents, watchdog };
      this.lastError = undefined;
      this.downSince = undefined;
      this.wasConnected = true;
      this.backoff.reset();
      this.setStatus({ state: 'connected', since: this.now(), engine: info });
      this.deps.onContainers(spec.id, { ids: [], full: true });
    } catch (error) {
      events?.close();
      cache?.close();
      engine?.close();
      if (generation !== this.generation || this.disposed) return;
      this.fail(error instanceof AppError ? error : this.unexpected(error));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /** A failure no adapter translated: a fixed message on the wire, the original to the core's log. */
  private unexpected(error: unknown): AppError {
    (this.deps.onInternalError ?? ((e: unknown) => this.deps.log(`unexpected: ${String(e)}`)))(error);
    return failure(
      'INTERNAL',
      `Bosun could not connect to ${this.current.name} (an unexpected error, logged).`,
      'Bosun retries by itself; if this repeats, report it with Bosun’s log.',
    );
  }

  /** The live connection broke (stream ended, a re-read failed, no ping answer): go unavailable and retry. */
  private lost(generation: number, error: AppError): void {
    if (generation !== this.generation || this.disposed) return;
    this.generation++;
    this.abort?.abort(error);
    this.teardown();
    this.deps.log(`${this.current.name} (${this.current.endpoint}) was lost: ${error.message}`);
    this.downSince = this.now();
    this.backoff.reset();
    this.fail(error);
  }

  private fail(error: AppError): void {
    this.lastError = error;
    const now = this.now();
    this.downSince ??= now;
    const { reason, hint } = reasonAndHint(error);
    const state = this.wasConnected ? 'reconnecting' : 'unavailable';
    const since = this.status.state === state ? this.status.since : now;
    const hostKey = hostKeyOf(error);
    const credential = credentialOf(error);
    const delay = waitsForUser(error) ? undefined : this.backoff.next(now - this.downSince);
    this.setStatus({
      state,
      reason,
      ...(hint ? { hint } : {}),
      since,
      ...(delay !== undefined ? { retry: { attempt: this.backoff.attempt, at: now + delay } } : {}),
      ...(hostKey ? { hostKey } : {}),
      ...(credential ? { credential } : {}),
    });
    if (delay !== undefined) this.armRetry(delay);
  }

  private armRetry(delay: number): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.disposed || this.live) return;
      // An attempt still in flight (one that outlived a lost connection) may end superseded, without
      // a retry of its own: try again once it has settled, or the session would stay down for good.
      const inFlight = this.attempt;
      if (inFlight) void inFlight.finally(() => this.retryAfterSettled());
      // Quiet retries: the status stays `unavailable` (with its reason) until one succeeds.
      else void this.startAttempt();
    }, delay);
    this.retryTimer.unref?.();
  }

  private retryAfterSettled(): void {
    if (this.disposed || this.live || this.attempt || this.retryTimer) return;
    void this.startAttempt();
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private teardown(): void {
    const live = this.live;
    this.live = undefined;
    live?.watchdog.stop();
    live?.events.close();
    live?.cache.close();
    live?.engine.close();
  }

  private setStatus(status: Status): void {
    const before = JSON.stringify(this.status);
    this.status = status;
    if (JSON.stringify(status) !== before) this.deps.onStatus(this.current.id);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
