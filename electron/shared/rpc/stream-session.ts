import type { Contract } from '../contract';
import type { EventName, EventParams, EventPayload } from '../contract/define';
import { AppError } from '../errors';
import { AckBatcher } from './ack-batcher';
import type { Client, Subscription } from './client';

type Topic = EventName<Contract>;

/** What a stream client says about its stream; the session does the rest. */
export interface StreamSessionSpec<K extends Topic, End> {
  readonly client: Client<Contract>;
  /** The event the core pushes the stream on, and its params (the id the client picked). */
  readonly topic: K;
  readonly params: EventParams<Contract, K>;
  /** Each payload, until the stream ended (none is delivered after). */
  readonly onPayload: (payload: EventPayload<Contract, K>) => void;
  /** The subscription failed (link or engine lost); the client decides whether that ends the stream now. */
  readonly onLost: (error: AppError) => void;
  /** Called once, last, after acks and the subscription stopped. */
  readonly onEnd: (end: End) => void;
  /** Ack batching: one `send` per `every` units consumed, or after `idleMs` idle. */
  readonly ack: { readonly every: number; readonly idleMs: number; send(units: number): void };
}

/**
 * The life of one client-side stream (a terminal session, a log stream, a download), which all follow
 * the same protocol: subscribe to the stream's event first (so nothing pushed is missed), then open it
 * with the same id, ack what was consumed in batches (flow control), and end exactly once. The stream
 * clients share this so that protocol cannot drift between them; each only says what its payloads mean.
 */
export class StreamSession<K extends Topic, End> {
  private over = false;
  private readonly acks: AckBatcher;
  private readonly subscription: Subscription;

  constructor(private readonly spec: StreamSessionSpec<K, End>) {
    this.acks = new AckBatcher(spec.ack.every, spec.ack.idleMs, spec.ack.send);
    this.subscription = spec.client.subscribe(
      spec.topic,
      spec.params,
      (payload) => {
        if (!this.over) spec.onPayload(payload);
      },
      spec.onLost,
    );
  }

  /** True once the stream ended (or failed to open): nothing more reaches the client. */
  get ended(): boolean {
    return this.over;
  }

  /** `units` were consumed (rendered, stored, written): acked in batches while the stream lives. */
  consumed(units: number): void {
    this.acks.consumed(units);
  }

  /** Ends the stream once: no more acks or payloads, then `onEnd`. Later calls do nothing. */
  finish(end: End): void {
    if (this.stop()) this.spec.onEnd(end);
  }

  /**
   * Opens the stream once the subscription is accepted. If either fails the stream is over without
   * `onEnd` (the caller hears the rejection instead), and the failure is always an AppError.
   */
  async open<T>(call: () => Promise<T>): Promise<T> {
    try {
      await this.subscription.ready;
      return await call();
    } catch (error) {
      this.stop();
      throw error instanceof AppError ? error : new AppError('INTERNAL', String(error));
    }
  }

  /** Asks the core to end the stream; whatever it answers, the stream ends here as `end`. */
  async close(call: () => Promise<unknown>, end: End): Promise<void> {
    if (this.over) return;
    try {
      await call();
    } finally {
      this.finish(end);
    }
  }

  /** Stops acks and the subscription; false if it was already over. */
  private stop(): boolean {
    if (this.over) return false;
    this.over = true;
    this.acks.stop();
    this.subscription.close();
    return true;
  }
}
