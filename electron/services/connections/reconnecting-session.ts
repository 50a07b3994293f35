import type { ConnectionState } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { failure, reasonAndHint } from '../containers/engine-errors';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { Watchdog } from './liveness-watchdog';

/** What every session's status has: Docker connections and Kubernetes clusters add their own fields. */
export interface SessionStatus {
  readonly state: ConnectionState;
  readonly reason?: string;
  readonly hint?: string;
  readonly since: number;
  readonly retry?: { readonly attempt: number; readonly at: number };
}

export interface ReconnectingDeps {
  /** The status changed: publish it. */
  readonly onStatus: (id: string) => void;
  readonly log: (message: string) => void;
  /** Something failed that no adapter translated: the original goes here, never onto the wire. */
  readonly onInternalError?: (error: unknown) => void;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
}

/** What a connected session holds open; it always has a liveness watchdog. */
export interface LiveParts {
  readonly watchdog: Watchdog;
}

/** Why a session is listed but never dialled. */
export interface SessionBlocked {
  readonly reason: string;
  readonly hint: string;
}

/**
 * Refusals that retrying cannot cure: a host key to review, a login or RBAC refused. Retrying them by
 * itself every few seconds would also look like an attack to the server (fail2ban bans after a handful
 * of failed logins): they wait for the user (Retry, accept the key, give the passphrase).
 */
export function waitsForUser(error: AppError): boolean {
  return error.code === 'PERMISSION_DENIED' || error.code.startsWith('HOST_KEY_');
}

function withoutRetry<S extends SessionStatus>(status: S): S {
  const { retry: _retry, ...rest } = status;
  return rest as S;
}

/**
 * The life of one connection to something remote (a Docker engine, a Kubernetes API server):
 * connecting → connected (what `open` returns, with a liveness watchdog) or unavailable with a reason;
 * after a loss `reconnecting`, retrying with backoff (at most 2 s apart while the outage is young) until
 * it works or the session is disposed. A newer attempt supersedes an older one by its generation.
 * Subclasses say how to open and close, and what their status adds.
 */
export abstract class ReconnectingSession<L extends LiveParts, S extends SessionStatus> {
  protected status: S;
  protected live: L | undefined;
  protected lastError: AppError | undefined;
  protected generation = 0;
  protected disposed = false;
  private attempt: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: Backoff;
  /** When the live connection was lost (while reconnecting), or when the first attempt failed. */
  private downSince: number | undefined;
  /** Whether this session was ever connected: a failure after that is a reconnect. */
  private wasConnected = false;

  protected constructor(
    blocked: SessionBlocked | undefined,
    private readonly base: ReconnectingDeps,
  ) {
    this.backoff = new Backoff(base.backoff ?? DEFAULT_BACKOFF);
    this.status = (
      blocked
        ? { state: 'unavailable', reason: blocked.reason, hint: blocked.hint, since: this.now() }
        : { state: 'connecting', since: this.now() }
    ) as S;
  }

  abstract get id(): string;
  /** Set when the session is listed but never dialled. */
  protected abstract get blocked(): SessionBlocked | undefined;
  /** "name (endpoint)", for the log. */
  protected abstract get label(): string;
  /** The name people know it by, for messages. */
  protected abstract get name(): string;
  /**
   * Connects. Resolves with what stays open and the connected status; cleans up what it opened when it
   * fails. `lost` is for the live parts (a stream that ended, a ping that failed).
   */
  protected abstract open(
    generation: number,
    signal: AbortSignal,
    lost: (error: AppError) => void,
  ): Promise<{ live: L; status: S }>;
  /** Closes what `open` returned. */
  protected abstract close(live: L): void;
  /** Connected: publish what the first read found. */
  protected abstract connected(): void;
  /** Why it cannot answer yet while connecting. */
  protected abstract stillConnecting(): AppError;

  /** What a refusal adds to the status (the host key to review, the passphrase to ask for). */
  protected failureDetails(_error: AppError): Partial<S> {
    return {};
  }

  get state(): ConnectionState {
    return this.status.state;
  }

  /** Connect now (cancelling a pending retry); a live connection stays as it is. */
  connect(): Promise<void> {
    if (this.disposed || this.blocked || this.live) return Promise.resolve();
    if (this.attempt) return this.attempt;
    this.clearRetry();
    // Reconnecting stays reconnecting (with its reason) while the asked-for attempt runs.
    if (this.status.state === 'unavailable') this.setStatus({ state: 'connecting', since: this.now() } as S);
    else if (this.status.state === 'reconnecting') this.setStatus(withoutRetry(this.status));
    return this.startAttempt();
  }

  /**
   * The machine woke up (timers jumped) or the user is back: check a live connection now instead of at
   * the next ping, and retry a lost one now instead of after its backoff.
   */
  nudge(): void {
    if (this.disposed || this.blocked) return;
    if (this.live) {
      this.live.watchdog.checkNow();
      return;
    }
    if (this.attempt || (this.lastError && waitsForUser(this.lastError))) return;
    this.backoff.reset();
    void this.connect();
  }

  /**
   * Waits while the session is `connecting`, at most `withinMs` (a hung server must not hold up a
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

  whyNotConnected(): AppError {
    if (this.lastError) return this.lastError;
    const blocked = this.blocked;
    if (blocked) return failure('UNAVAILABLE', blocked.reason, blocked.hint);
    return this.stillConnecting();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.clearRetry();
    this.abort?.abort(new AppError('CANCELLED', 'Bosun is shutting down.'));
    this.teardown();
  }

  /** Drops the live connection (or the attempt under way) and connects again from the start. */
  protected restart(reason: AppError): Promise<void> {
    this.generation++;
    this.abort?.abort(reason);
    this.teardown();
    this.attempt = undefined;
    this.clearRetry();
    if (this.disposed || this.blocked) return Promise.resolve();
    this.setStatus({ state: 'connecting', since: this.now() } as S);
    return this.startAttempt();
  }

  protected setStatus(status: S): void {
    const before = JSON.stringify(this.status);
    this.status = status;
    if (JSON.stringify(status) !== before) this.base.onStatus(this.id);
  }

  protected now(): number {
    return (this.base.now ?? Date.now)();
  }

  /** Closes the live parts, if any. */
  protected teardown(): void {
    const live = this.live;
    this.live = undefined;
    if (!live) return;
    live.watchdog.stop();
    this.close(live);
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
    try {
      const opened = await this.open(generation, abort.signal, (error) => this.lost(generation, error));
      if (generation !== this.generation) {
        opened.live.watchdog.stop();
        this.close(opened.live);
        throw new AppError('CANCELLED', 'superseded');
      }
      this.live = opened.live;
      this.lastError = undefined;
      this.downSince = undefined;
      this.wasConnected = true;
      this.backoff.reset();
      this.setStatus(opened.status);
      this.connected();
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      this.fail(error instanceof AppError ? error : this.unexpected(error));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /** A failure no adapter translated: a fixed message on the wire, the original to the core's log. */
  private unexpected(error: unknown): AppError {
    (this.base.onInternalError ?? ((e: unknown) => this.base.log(`unexpected: ${String(e)}`)))(error);
    return failure(
      'INTERNAL',
      `Bosun could not connect to ${this.name} (an unexpected error, logged).`,
      'Bosun retries by itself; if this repeats, report it with Bosun’s log.',
    );
  }

  /** The live connection broke (a stream ended, a re-read failed, no ping answer): reconnect. */
  private lost(generation: number, error: AppError): void {
    if (generation !== this.generation || this.disposed) return;
    this.generation++;
    this.abort?.abort(error);
    this.teardown();
    this.base.log(`${this.label} was lost: ${error.message}`);
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
    const delay = waitsForUser(error) ? undefined : this.backoff.next(now - this.downSince);
    this.setStatus({
      state,
      reason,
      ...(hint ? { hint } : {}),
      since,
      ...(delay !== undefined ? { retry: { attempt: this.backoff.attempt, at: now + delay } } : {}),
      ...this.failureDetails(error),
    } as S);
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
      // Quiet retries: the status keeps its reason until one succeeds.
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
}
