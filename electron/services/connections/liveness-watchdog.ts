import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';

export interface LivenessOptions {
  /** How often a connected engine is pinged. */
  readonly intervalMs: number;
  /** How long a ping may take before the engine counts as gone. */
  readonly timeoutMs: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 30_000, timeoutMs: 5_000 };

/** Anything that can be pinged: a Docker engine (GET /_ping), a Kubernetes API server (GET /version). */
export interface Pingable {
  ping(signal?: AbortSignal): Promise<void>;
}

/** What the message calls the pinged thing when it stops answering. */
const ENGINE = { what: 'The engine', hint: 'the engine is hung' };

export interface Watchdog {
  /** Ping now rather than at the next interval (after a wake from sleep); a ping under way is enough. */
  checkNow(): void;
  stop(): void;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/**
 * Pings a connected engine (GET /_ping) every interval. The event stream alone cannot tell a dead TCP
 * peer from a quiet engine: with only kernel keep-alive, a host that vanished without a FIN or RST
 * looks connected for about eleven minutes. This checks the connection, not the containers: a ping
 * costs the engine nothing and reads no list. Calls `onDead` once, then stops.
 */
export function watchLiveness(
  engine: Pingable,
  options: LivenessOptions,
  onDead: (error: AppError) => void,
  named: { readonly what: string; readonly hint: string } = ENGINE,
): Watchdog {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticking = false;
  const stopping = new AbortController();

  const tick = async (): Promise<void> => {
    ticking = true;
    const deadline = new AbortController();
    const expire = setTimeout(() => deadline.abort(), options.timeoutMs);
    const signal = AbortSignal.any([deadline.signal, stopping.signal]);
    // The race keeps a ping that ignores its signal from stalling the watchdog.
    const timedOut = new Promise<never>((_, reject) =>
      deadline.signal.addEventListener('abort', () => reject(new AppError('TIMEOUT', 'ping')), {
        once: true,
      }),
    );
    try {
      await Promise.race([engine.ping(signal), timedOut]);
      if (!stopped) schedule();
    } catch (error) {
      if (stopped) return;
      stopped = true;
      onDead(
        deadline.signal.aborted || !(error instanceof AppError)
          ? failure(
              'UNAVAILABLE',
              `${named.what} stopped answering (no reply to ping within ${seconds(options.timeoutMs)}).`,
              `The host or the network to it may be down, or ${named.hint}; Bosun reconnects by itself.`,
            )
          : error,
      );
    } finally {
      ticking = false;
      clearTimeout(expire);
    }
  };

  const schedule = (): void => {
    timer = setTimeout(() => {
      timer = undefined;
      void tick();
    }, options.intervalMs);
    // A watchdog never keeps the process alive (the CLI exits when its work is done).
    timer.unref?.();
  };

  schedule();
  return {
    checkNow() {
      if (stopped || ticking) return;
      clearTimeout(timer);
      timer = undefined;
      void tick();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort(new AppError('CANCELLED', 'The connection was closed.'));
    },
  };
}
