export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Retry delays: initial, doubling up to a ceiling, back to initial after a success. */
export class Backoff {
  private delay: number;

  constructor(private readonly options: BackoffOptions = { initialMs: 500, maxMs: 30_000 }) {
    this.delay = options.initialMs;
  }

  next(): number {
    const current = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxMs);
    return current;
  }

  reset(): void {
    this.delay = this.options.initialMs;
  }
}
