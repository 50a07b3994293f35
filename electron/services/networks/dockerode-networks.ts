import type Docker from 'dockerode';
import type { EngineWhere } from '../containers/engine-errors';
import { listContainerLinks } from '../resources/container-links';
import { engineJson, filters } from '../resources/engine-json';
import type {
  NetworkAttachment,
  NetworkPruneFilter,
  NetworksEngine,
  NetworkSummary,
} from './networks-engine';

const LIST_MS = 20_000;
const REMOVE_MS = 60_000;
const PRUNE_MS = 120_000;

interface RawNetwork {
  Id: string;
  Name?: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** Networks over the Engine API. */
export class DockerodeNetworks implements NetworksEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async list(signal?: AbortSignal): Promise<NetworkSummary[]> {
    const raw = await engineJson<RawNetwork[]>(
      this.docker,
      this.where,
      { method: 'GET', path: '/networks', what: 'network list', timeoutMs: LIST_MS },
      signal,
    );
    return raw.map((network) => {
      const created = network.Created ? Date.parse(network.Created) : NaN;
      return {
        id: network.Id,
        name: network.Name ?? '',
        driver: network.Driver ?? '',
        scope: network.Scope ?? 'local',
        internal: network.Internal === true,
        attachable: network.Attachable === true,
        ingress: network.Ingress === true,
        ipv6: network.EnableIPv6 === true,
        // Go's zero time ("0001-01-01T00:00:00Z") is what some engines give the built-in networks.
        created: Number.isFinite(created) && created > 0 ? created : null,
        labels: network.Labels ?? {},
        options: network.Options ?? {},
        subnets: (network.IPAM?.Config ?? [])
          .filter((config) => config.Subnet)
          .map((config) => ({
            subnet: config.Subnet!,
            ...(config.Gateway ? { gateway: config.Gateway } : {}),
            ...(config.IPRange ? { ipRange: config.IPRange } : {}),
          })),
      };
    });
  }

  async attachments(signal?: AbortSignal): Promise<NetworkAttachment[]> {
    const links = await listContainerLinks(this.docker, this.where, signal);
    return links.flatMap(({ id, name, state, networks }) =>
      networks.map((network) => ({
        networkId: network.networkId,
        id,
        name,
        state,
        attached: network.endpointId !== '',
        ...(network.ipv4 ? { ipv4: network.ipv4 } : {}),
        ...(network.ipv6 ? { ipv6: network.ipv6 } : {}),
      })),
    );
  }

  async remove(id: string, signal?: AbortSignal): Promise<void> {
    await engineJson<unknown>(
      this.docker,
      this.where,
      {
        method: 'DELETE',
        path: `/networks/${encodeURIComponent(id)}`,
        what: 'network remove',
        timeoutMs: REMOVE_MS,
        // "pre-defined network", "has active endpoints": refusals, not a credentials problem.
        refusals: [403],
      },
      signal,
    );
  }

  async prune(filter: NetworkPruneFilter, signal?: AbortSignal): Promise<{ deleted: string[] }> {
    const raw = await engineJson<{ NetworksDeleted?: string[] | null }>(
      this.docker,
      this.where,
      {
        method: 'POST',
        path: '/networks/prune',
        query: {
          filters: filters({
            label: filter.label,
            until: filter.until === undefined ? undefined : String(Math.ceil(filter.until / 1000)),
          }),
        },
        what: 'network prune',
        timeoutMs: PRUNE_MS,
      },
      signal,
    );
    return { deleted: raw.NetworksDeleted ?? [] };
  }
}
