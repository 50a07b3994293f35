import { randomUUID } from 'node:crypto';
import type { ContractShape } from '../shared/contract/define';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../shared/contract/frames';
import { AppError, toWireError } from '../shared/errors';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export type FrameSink = (frame: ServerFrame) => void;

/** What a transport knows of a client; the core uses it to own sessions per client. */
export interface PeerInfo {
  readonly transport: 'ipc' | 'ws' | 'in-process';
  readonly label?: string;
}

/**
 * The server side of the frame protocol, shared by every transport: one RpcHost per core, one RpcPeer
 * per connected client. A peer owns its calls and subscriptions, and everything ends when it closes.
 */
export class RpcHost<C extends ContractShape> {
  private readonly peers = new Set<RpcPeer<C>>();
  private readonly closeHooks = new Set<(clientId: string) => void>();

  constructor(
    readonly dispatcher: Dispatcher<C>,
    readonly bus: EventBus<C>,
  ) {}

  connect(sink: FrameSink, info: PeerInfo): RpcPeer<C> {
    const peer = new RpcPeer(this, sink, info, (closed) => {
      this.peers.delete(closed);
      for (const hook of this.closeHooks) hook(closed.clientId);
    });
    this.peers.add(peer);
    return peer;
  }

  /** Services that open per-client resources (terminal sessions, log streams) release them here. */
  onClientClosed(hook: (clientId: string) => void): () => void {
    this.closeHooks.add(hook);
    return () => this.closeHooks.delete(hook);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  closeAll(): void {
    for (const peer of [...this.peers]) peer.close();
  }
}

export class RpcPeer<C extends ContractShape> {
  readonly clientId = randomUUID();
  private readonly calls = new Map<string, AbortController>();
  private readonly subscriptions = new Map<string, () => void>();
  private closed = false;

  constructor(
    private readonly host: RpcHost<C>,
    private readonly sink: FrameSink,
    readonly info: PeerInfo,
    private readonly onClose: (peer: RpcPeer<C>) => void,
  ) {}

  /** Takes one frame from the client, as the transport decoded it (untrusted). */
  receive(raw: unknown): void {
    if (this.closed) return;
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      this.rejectMalformed(raw);
      return;
    }
    this.handle(parsed.data);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.calls.values())
      controller.abort(new AppError('CANCELLED', 'The client went away.'));
    this.calls.clear();
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.onClose(this);
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
    const controller = new AbortController();
    this.calls.set(id, controller);
    const envelope = await this.host.dispatcher.call(method, params, {
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
    const result = this.host.bus.subscribe(topic, params, (payload) =>
      this.send({ t: 'event', id, payload }),
    );
    if (result.ok) {
      this.subscriptions.set(id, result.value);
      this.send({ t: 'subscribed', id, envelope: { ok: true, value: null } });
    } else {
      this.send({ t: 'subscribed', id, envelope: result });
    }
  }

  private rejectMalformed(raw: unknown): void {
    const id =
      typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) return;
    const t = (raw as { t?: unknown }).t;
    const envelope = {
      ok: false as const,
      error: toWireError(new AppError('INVALID_ARGUMENT', 'The request frame is malformed.')),
    };
    this.send(t === 'sub' ? { t: 'subscribed', id, envelope } : { t: 'result', id, envelope });
  }

  private send(frame: ServerFrame): void {
    if (this.closed) return;
    try {
      this.sink(frame);
    } catch {
      // A transport that cannot deliver has lost its client; it reports the close itself.
    }
  }
}

function duplicate(id: string): { ok: false; error: ReturnType<typeof toWireError> } {
  return {
    ok: false,
    error: toWireError(new AppError('CONFLICT', `A request with id ${id} is already in flight.`)),
  };
}
