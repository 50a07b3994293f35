import type { NetworkContainer, NetworkRow } from '../../shared/contract';

/** A network as GET /networks lists it, before the service adds its containers. */
export type NetworkSummary = Omit<NetworkRow, 'connectionId' | 'containers' | 'builtIn'>;

/** A container on one network (by id), as the containers list reports it. */
export interface NetworkAttachment extends NetworkContainer {
  readonly networkId: string;
}

export interface NetworkPruneFilter {
  readonly label?: string;
  /** Only networks created before this moment (ms): what appeared after the plan stays. */
  readonly until?: number;
}

/**
 * Networks of one engine. Failures are AppErrors: NOT_FOUND for a network that is gone; the engine's
 * refusals (a built-in network, active endpoints) come as CONFLICT with its words in the message.
 */
export interface NetworksEngine {
  list(signal?: AbortSignal): Promise<NetworkSummary[]>;
  /** Every container's network settings: one call instead of one inspect per network. */
  attachments(signal?: AbortSignal): Promise<NetworkAttachment[]>;
  remove(id: string, signal?: AbortSignal): Promise<void>;
  /** Names of the networks removed. */
  prune(filter: NetworkPruneFilter, signal?: AbortSignal): Promise<{ deleted: string[] }>;
}
