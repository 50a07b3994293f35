import { createContext, useContext } from 'react';
import type { In, PortForwardInfo } from '../../../electron/shared/contract';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';

export interface PortForwardsSnapshot {
  readonly forwards: readonly PortForwardInfo[];
}

type StartInput = Omit<In<'kube.portForward.start'>, 'forwardId'>;

/**
 * This window's port-forwards, kept live by one kube.portForward.changed subscription per forward (the
 * event is for the forward's owner only, and this window is the owner).
 */
export class PortForwardsStore extends ExternalStore<PortForwardsSnapshot> {
  private client: BosunClient | undefined;
  private readonly subscriptions = new Map<string, Subscription>();

  constructor() {
    super({ forwards: [] });
  }

  attach(client: BosunClient): void {
    this.client = client;
    void client.call('kube.portForward.list', {}).then(
      (list) => {
        for (const forward of list) this.follow(forward.forwardId);
        this.set({ forwards: list });
      },
      () => undefined,
    );
  }

  detach(): void {
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
    this.client = undefined;
  }

  async start(input: StartInput): Promise<PortForwardInfo> {
    const client = this.requireClient();
    const forwardId = crypto.randomUUID();
    this.follow(forwardId);
    try {
      const forward = await client.call('kube.portForward.start', { ...input, forwardId });
      this.upsert(forward);
      return forward;
    } catch (error) {
      this.unfollow(forwardId);
      throw error;
    }
  }

  async stop(forwardId: string): Promise<void> {
    await this.requireClient().call('kube.portForward.stop', { forwardId });
    this.remove(forwardId);
  }

  private follow(forwardId: string): void {
    if (!this.client || this.subscriptions.has(forwardId)) return;
    this.subscriptions.set(
      forwardId,
      this.client.subscribe('kube.portForward.changed', { forwardId }, (change) => {
        if (change.stopped) this.remove(forwardId);
        else this.upsert(change.forward);
      }),
    );
  }

  private unfollow(forwardId: string): void {
    this.subscriptions.get(forwardId)?.close();
    this.subscriptions.delete(forwardId);
  }

  private upsert(forward: PortForwardInfo): void {
    if (!this.subscriptions.has(forward.forwardId)) return;
    const rest = this.getSnapshot().forwards.filter((f) => f.forwardId !== forward.forwardId);
    this.set({ forwards: [...rest, forward].sort((a, b) => a.startedAt - b.startedAt) });
  }

  private remove(forwardId: string): void {
    this.unfollow(forwardId);
    this.set({ forwards: this.getSnapshot().forwards.filter((f) => f.forwardId !== forwardId) });
  }

  private requireClient(): BosunClient {
    if (!this.client) throw new Error('Not connected to the Bosun core.');
    return this.client;
  }
}

/** The Pods view's store; absent outside it (then no row offers a forward). */
export const PortForwardsContext = createContext<PortForwardsStore | undefined>(undefined);

export function usePortForwards(): PortForwardsStore | undefined {
  return useContext(PortForwardsContext);
}
