import { AppError, isAppError } from '../../electron/shared/errors';
import type { BosunClient } from './client';

/**
 * connecting: an attempt is under way; ready: `client` works; waiting: the last attempt failed and the
 * next one is due at `retryAt`; refused: the core rejected our token, and retrying cannot help.
 */
export type CorePhase = 'connecting' | 'ready' | 'waiting' | 'refused';

export interface CoreSnapshot {
  readonly phase: CorePhase;
  readonly client: BosunClient | undefined;
  /** Why we are not ready. */
  readonly error: AppError | undefined;
  /** Failed attempts in a row. */
  readonly attempt: number;
  readonly retryAt: number | undefined;
  /** Whether a client ever worked: a lost connection reads differently from one never made. */
  readonly everConnected: boolean;
}

export interface CoreConnectionOptions {
  /** Waits between attempts; the last one repeats. */
  readonly delays?: readonly number[];
  readonly now?: () => number;
}

const DEFAULT_DELAYS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError(
    'UNAVAILABLE',
    error instanceof Error ? error.message : 'The Bosun core cannot be reached.',
  );
}

/** Keeps one live client to the core: connects, notices when the link drops, and reconnects with backoff. */
export class CoreConnection {
  private snapshot: CoreSnapshot = {
    phase: 'connecting',
    client: undefined,
    error: undefined,
    attempt: 0,
    retryAt: undefined,
    everConnected: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly delays: readonly number[];
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly connect: () => Promise<BosunClient>,
    options: CoreConnectionOptions = {},
  ) {
    this.delays = options.delays ?? DEFAULT_DELAYS;
    this.now = options.now ?? Date.now;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CoreSnapshot => this.snapshot;

  start(): void {
    if (this.generation === 0) void this.attempt();
  }

  /** Try now instead of waiting (the user pressed "Reconnect"). */
  retryNow(): void {
    if (this.snapshot.phase === 'ready' || this.snapshot.phase === 'connecting') return;
    void this.attempt();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.timer);
    this.snapshot.client?.close();
    this.listeners.clear();
  }

  private async attempt(): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    this.update({ phase: 'connecting', retryAt: undefined });
    let client: BosunClient;
    try {
      client = await this.connect();
    } catch (error) {
      if (generation === this.generation && !this.disposed) this.fail(toAppError(error));
      return;
    }
    if (generation !== this.generation || this.disposed) {
      client.close();
      return;
    }
    client.onClose((error) => {
      if (this.snapshot.client === client && !this.disposed) this.fail(error);
    });
    this.update({
      phase: 'ready',
      client,
      error: undefined,
      attempt: 0,
      retryAt: undefined,
      everConnected: true,
    });
  }

  private fail(error: AppError): void {
    if (error.code === 'PERMISSION_DENIED') {
      this.update({ phase: 'refused', client: undefined, error, retryAt: undefined });
      return;
    }
    const attempt = this.snapshot.attempt + 1;
    const delay = this.delays[Math.min(attempt, this.delays.length) - 1] ?? 1_000;
    this.update({ phase: 'waiting', client: undefined, error, attempt, retryAt: this.now() + delay });
    this.timer = setTimeout(() => void this.attempt(), delay);
  }

  private update(patch: Partial<CoreSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
