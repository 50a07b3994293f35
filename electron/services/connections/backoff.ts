export interface BackoffOptions {
  readonly initialMs: number;
  /** The ceiling while an outage is young: a restarted engine or sshd is back in use within it. */
  readonly maxMs: number;
  /** After this long without success, retries slow down to `slowMaxMs` (a host that is really gone). */
  readonly patientForMs?: number;
  readonly slowMaxMs?: number;
}

/**
 * Short outages are the common ones (an engine restart, a dropped tunnel, sshd restarted by an
 * upgrade): retrying every 2 s at most puts Bosun back within seconds of the service, at the cost of
 * a refused connect or a TCP SYN now and then. Only an outage past two minutes slows to 15 s.
 */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 250,
  maxMs: 2_000,
  patientForMs: 120_000,
  slowMaxMs: 15_000,
};

/** Retry delays: initial, doubling up to a ceiling (a higher one once the outage is old), back to initial after a success. */
export class Backoff {
  private delay: number;
  private attempts = 0;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {
    this.delay = options.initialMs;
  }

  /** How many delays were handed out since the last success. */
  get attempt(): number {
    return this.attempts;
  }

  /** The next delay; `downForMs` is how long the outage has lasted so far. */
  next(downForMs = 0): number {
    const { maxMs, patientForMs, slowMaxMs } = this.options;
    const ceiling =
      patientForMs !== undefined && slowMaxMs !== undefined && downForMs >= patientForMs ? slowMaxMs : maxMs;
    const current = Math.min(this.delay, ceiling);
    this.delay = Math.min(this.delay * 2, Math.max(ceiling, maxMs));
    this.attempts++;
    return current;
  }

  reset(): void {
    this.delay = this.options.initialMs;
    this.attempts = 0;
  }
}
