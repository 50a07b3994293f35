/**
 * Batches a stream's acknowledgements: one call per `every` units consumed (bytes, lines), or after
 * `idleMs` without reaching it, so a consumer acks often enough to keep the core sending, without one
 * call per chunk. Used through StreamSession by every stream client.
 */
export class AckBatcher {
  private unacked = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly every: number,
    private readonly idleMs: number,
    /** Sends one ack of `units` (fire and forget: the caller reports its failures). */
    private readonly send: (units: number) => void,
  ) {}

  /** `units` more were consumed. */
  consumed(units: number): void {
    if (this.stopped) return;
    this.unacked += units;
    if (this.unacked >= this.every) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.idleMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || this.unacked === 0) return;
    const units = this.unacked;
    this.unacked = 0;
    this.send(units);
  }

  /** The stream is over: nothing more is sent. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
