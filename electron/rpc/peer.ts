import { randomUUID } from 'node:crypto';
import type { ContractShape } from '../shared/contract/define';
import {
  clientFrameSchema,
  type ClientFrame,
  type Envelope,
  type ServerFrame,
} from '../shared/contract/frames';
import { AppError, toWireError } from '../shared/errors';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export type FrameSink = (frame: ServerFrame) => void;

/** What a transport knows of a client; the core uses it to own sessions per client. */
export interface PeerInfo {
  readonly transport: 'ipc' | 'ws' | 'in-process';
  readonly label?: string;
  /**
   * Called once when the core ends the peer (it is shutting down), after the peer has answered its
   * in-flight calls and closed its subscriptions: the transport then ends its connection. Never
   * called when the transport closed the peer itself. Runs inside `connect()` when the core has
   * already shut down.
   */
  readonly onClosedByCore?: (reason: AppError) => void;
}

/**
 * Per-client bounds, so one client (or a stranger that got a socket) cannot make the core hold an
 * unbounded number of handlers or listeners. A call over the bound is answered UNAVAILABLE (retry
 * later: the client is busy, not wrong); a subscription over the bound CONFLICT (it conflicts with
 * what the client already holds, and waiting alone will not fix it).
 */
export const MAX_CALLS_IN_FLIGHT = 256;
export const MAX_SUBSCRIPTIONS = 256;

/** One connected client: owns its calls and subscriptions, and everything ends when it closes. */
export class RpcPeer<C extends ContractShape> {
  readonly clientId = randomUUID();
  private readonly calls = new Map<string, AbortController>();
  private readonly subscriptions = new Map<string, () => void>();
  private closed = false;
  /** Set when the core ended this peer: later requests are answered with it, not dropped. */
  private farewell: AppError | undefined;

  constructor(
    private readonly dispatcher: Dispatcher<C>,
    private readonly bus: EventBus<C>,
    private readonly sink: FrameSink,
    readonly info: PeerInfo,
    private readonly onClose: (peer: RpcPeer<C>) => void,
  ) {}

  /** Takes one frame from the client, as the transport decoded it (untrusted). */
  receive(raw: unknown): void {
    if (this.farewell) return this.refuseAfterClose(raw, this.farewell);
    if (this.closed) return;
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      this.rejectMalformed(raw);
      return;
    }
    this.handle(parsed.data);
  }

  /**
   * Without a reason the transport lost its client: nobody is listening, so everything ends quietly.
   * With one the core is ending the peer: every in-flight call is answered and every subscription
   * closed with it first, so no client waits for its own timeout, then the transport is told.
   */
  close(reason?: AppError): void {
    if (this.closed) return;
    if (reason) {
      this.farewell = reason;
      const error = toWireError(reason);
      for (const id of this.calls.keys()) this.send({ t: 'result', id, envelope: { ok: false, error } });
      for (const id of this.subscriptions.keys()) this.send({ t: 'closed', id, error });
    }
    this.closed = true;
    const abortReason = reason
      ? new AppError('CANCELLED', reason.message)
      : new AppError('CANCELLED', 'The client went away.');
    for (const controller of this.calls.values()) controller.abort(abortReason);
    this.calls.clear();
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.onClose(this);
    if (reason) this.info.onClosedByCore?.(reason);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private handle(frame: ClientFrame): void {
    switch (frame.t) {
      case 'call':
        void this.call(frame.id, frame.method, frame.params);
        return;
      case 'cancel':
        this.calls.get(frame.id)?.abort(new AppError('CANCELLED', 'The call was cancelled by the client.'));
        return;
      case 'sub':
        this.subscribe(frame.id, frame.topic, frame.params);
        return;
      case 'unsub':
        this.subscriptions.get(frame.id)?.();
        this.subscriptions.delete(frame.id);
        return;
    }
  }

  private async call(id: string, method: string, params: unknown): Promise<void> {
    if (this.calls.has(id)) {
      this.send({ t: 'result', id, envelope: duplicate(id) });
      return;
    }
    if (this.calls.size >= MAX_CALLS_IN_FLIGHT) {
      this.send({ t: 'result', id, envelope: failure(tooManyCalls()) });
      return;
    }
    const controller = new AbortController();
    this.calls.set(id, controller);
    const envelope = await this.dispatcher.call(method, params, {
      clientId: this.clientId,
      signal: controller.signal,
    });
    this.calls.delete(id);
    this.send({ t: 'result', id, envelope });
  }

  private subscribe(id: string, topic: string, params: unknown): void {
    if (this.subscriptions.has(id)) {
      this.send({ t: 'subscribed', id, envelope: duplicate(id) });
      return;
    }
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      this.send({ t: 'subscribed', id, envelope: failure(tooManySubscriptions()) });
      return;
    }
    const result = this.bus.subscribe(
      topic,
      params,
      (payload) => this.send({ t: 'event', id, payload }),
      this.clientId,
    );
    if (result.ok) {
      this.subscriptions.set(id, result.value);
      this.send({ t: 'subscribed', id, envelope: { ok: true, value: null } });
    } else {
      this.send({ t: 'subscribed', id, envelope: result });
    }
  }

  private rejectMalformed(raw: unknown): void {
    const id = requestId(raw);
    if (id === undefined) return;
    const envelope = failure(new AppError('INVALID_ARGUMENT', 'The request frame is malformed.'));
    const t = (raw as { t?: unknown }).t;
    this.send(t === 'sub' ? { t: 'subscribed', id, envelope } : { t: 'result', id, envelope });
  }

  /** A client that did not notice the close yet (IPC: the window outlives the core) hears why. */
  private refuseAfterClose(raw: unknown, reason: AppError): void {
    const t = typeof raw === 'object' && raw !== null ? (raw as { t?: unknown }).t : undefined;
    const id = requestId(raw);
    if (id === undefined || (t !== 'call' && t !== 'sub')) return;
    const envelope = failure(reason);
    this.deliver(t === 'sub' ? { t: 'subscribed', id, envelope } : { t: 'result', id, envelope });
  }

  private send(frame: ServerFrame): void {
    if (!this.closed) this.deliver(frame);
  }

  private deliver(frame: ServerFrame): void {
    try {
      this.sink(frame);
    } catch {
      // A transport that cannot deliver has lost its client; it reports the close itself.
    }
  }
}

function requestId(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: toWireError(error) };
}

function duplicate(id: string): Envelope<never> {
  return failure(new AppError('CONFLICT', `A request with id ${id} is already in flight.`));
}

function tooManyCalls(): AppError {
  return new AppError(
    'UNAVAILABLE',
    `Too many requests in flight (${MAX_CALLS_IN_FLIGHT}): wait for some to finish, then try again.`,
  );
}

function tooManySubscriptions(): AppError {
  return new AppError(
    'CONFLICT',
    `This client already holds ${MAX_SUBSCRIPTIONS} subscriptions: close some before opening more.`,
  );
}
