import type Docker from 'dockerode';
import type { ContainerRef } from '../../shared/contract';
import { containerState, nameOf } from '../containers/container-row';
import type { EngineWhere } from '../containers/engine-errors';
import { engineJson } from './engine-json';

const LIST_TIMEOUT_MS = 20_000;

/** A container with what ties it to volumes and networks. */
export interface ContainerLinks extends ContainerRef {
  /** Names of the volumes it mounts. */
  readonly volumes: readonly string[];
  readonly networks: readonly {
    readonly networkId: string;
    /** Set while it has an endpoint on the network (it runs). */
    readonly endpointId: string;
    readonly ipv4?: string;
    readonly ipv6?: string;
  }[];
}

interface RawEndpoint {
  NetworkID?: string;
  EndpointID?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
}

interface RawContainer {
  Id: string;
  Names?: string[];
  State?: string;
  Status?: string;
  Mounts?: { Type?: string; Name?: string }[];
  NetworkSettings?: { Networks?: Record<string, RawEndpoint> };
}

/**
 * Every container with its volume mounts and network endpoints, from one GET /containers/json?all=1:
 * the list already carries both, so "used by" never costs one inspect per volume or network.
 */
export async function listContainerLinks(
  docker: Docker,
  where: EngineWhere,
  signal: AbortSignal | undefined,
): Promise<ContainerLinks[]> {
  const raw = await engineJson<RawContainer[]>(
    docker,
    where,
    {
      method: 'GET',
      path: '/containers/json',
      query: { all: 1 },
      what: 'container list',
      timeoutMs: LIST_TIMEOUT_MS,
    },
    signal,
  );
  return raw.map((c) => ({
    id: c.Id,
    name: nameOf(c.Names),
    state: containerState(c.State, c.Status ?? ''),
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    networks: Object.values(c.NetworkSettings?.Networks ?? {})
      .filter((n) => n.NetworkID)
      .map((n) => ({
        networkId: n.NetworkID!,
        endpointId: n.EndpointID ?? '',
        ...(n.IPAddress ? { ipv4: `${n.IPAddress}/${n.IPPrefixLen ?? 32}` } : {}),
        ...(n.GlobalIPv6Address ? { ipv6: `${n.GlobalIPv6Address}/${n.GlobalIPv6PrefixLen ?? 128}` } : {}),
      })),
  }));
}
