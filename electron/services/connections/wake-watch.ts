export interface WakeWatchOptions {
  /** How often the clock is looked at. */
  readonly intervalMs: number;
  /** How much later than due a tick may come before it counts as a wake (timers do not run in sleep). */
  readonly slackMs: number;
  readonly now?: () => number;
}

export const DEFAULT_WAKE_WATCH: WakeWatchOptions = { intervalMs: 5_000, slackMs: 10_000 };

/**
 * Calls `onWake` when the machine comes back from sleep, told by a timer that fires far later than it
 * was due (a suspended process's timers do not run). Plain Node, so the web mode and the CLI's long
 * commands heal as the app does; Electron's powerMonitor would only tell the app.
 */
export function watchForWake(onWake: (sleptMs: number) => void, options = DEFAULT_WAKE_WATCH): () => void {
  const now = options.now ?? Date.now;
  let last = now();
  const timer = setInterval(() => {
    const current = now();
    const late = current - last - options.intervalMs;
    last = current;
    if (late > options.slackMs) onWake(late);
  }, options.intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
