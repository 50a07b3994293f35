import type { ContractShape } from '../shared/contract/define';
import { AppError } from '../shared/errors';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';
import { RpcPeer, type FrameSink, type PeerInfo } from './peer';

export { MAX_CALLS_IN_FLIGHT, MAX_SUBSCRIPTIONS, RpcPeer, type FrameSink, type PeerInfo } from './peer';

/**
 * The server side of the frame protocol, shared by every transport: one RpcHost per core, one RpcPeer
 * per connected client.
 */
export class RpcHost<C extends ContractShape> {
  private readonly peers = new Set<RpcPeer<C>>();
  private readonly closeHooks = new Set<(clientId: string) => void>();
  private shutdown: AppError | undefined;

  constructor(
    readonly dispatcher: Dispatcher<C>,
    readonly bus: EventBus<C>,
  ) {}

  connect(sink: FrameSink, info: PeerInfo): RpcPeer<C> {
    const peer = new RpcPeer(this.dispatcher, this.bus, sink, info, (closed) => {
      this.peers.delete(closed);
      for (const hook of this.closeHooks) hook(closed.clientId);
    });
    this.peers.add(peer);
    // A core that has shut down serves nobody; the transport learns it at once through the peer.
    if (this.shutdown) peer.close(this.shutdown);
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

  /**
   * Shuts the host down: every peer answers what it has in flight with UNAVAILABLE, and its
   * transport closes the connection. Later connections are ended the same way.
   */
  closeAll(): void {
    this.shutdown ??= new AppError('UNAVAILABLE', 'Bosun is shutting down. Start it again to reconnect.');
    for (const peer of [...this.peers]) peer.close(this.shutdown);
  }
}
