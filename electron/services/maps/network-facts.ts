import type { MapContainer, NetworkModeKind } from '../../shared/contract';
import type { NetworkSummary } from '../networks/networks-engine';
import { mapContainer, type MapInspect } from './docker-inspect';

export const ICC_OPTION = 'com.docker.network.bridge.enable_icc';

/** What the network map is built from. */
export interface NetworkFacts {
  readonly connectionId: string;
  readonly inspects: readonly MapInspect[];
  readonly networks: readonly NetworkSummary[];
}

/** One container's place on one network. */
export interface Membership {
  readonly network: NetworkSummary;
  /** It has an endpoint there now (it runs). */
  readonly attached: boolean;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly aliases: readonly string[];
}

/** One published port: where on the host, to which container port. */
export interface Publication {
  readonly hostIp: string;
  readonly hostPort: string;
  /** "80/tcp". */
  readonly containerPort: string;
  /** On every interface (0.0.0.0, ::, or unset): reachable from anywhere the host is. */
  readonly exposed: boolean;
  readonly field: string;
}

/** A container with how it is networked. */
export interface NetContainer {
  readonly container: MapContainer;
  readonly image: string;
  readonly mode: NetworkModeKind;
  /** container mode: the id or name of the container whose namespace it joins. */
  readonly sharesWith?: string;
  readonly memberships: readonly Membership[];
  readonly publications: readonly Publication[];
}

/** Whether members of this network may talk to each other (ICC is a bridge option; off only when set false). */
export function allowsIcc(network: NetworkSummary): boolean {
  return network.options[ICC_OPTION] !== 'false';
}

/** host and null networks are not segments containers share. */
export function isSegment(network: NetworkSummary): boolean {
  return network.driver !== 'host' && network.driver !== 'null';
}

const SHORT_ID = /^[a-f0-9]{12}$/;
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::']);

function publications(inspect: MapInspect): Publication[] {
  const live = inspect.NetworkSettings?.Ports ?? {};
  const hasLive = Object.values(live).some((bindings) => (bindings ?? []).length > 0);
  // A stopped container has no live ports: what it will publish is in its host config.
  const [ports, field] = hasLive
    ? [live, 'NetworkSettings.Ports']
    : [inspect.HostConfig?.PortBindings ?? {}, 'HostConfig.PortBindings'];
  const out: Publication[] = [];
  for (const [containerPort, bindings] of Object.entries(ports)) {
    for (const binding of bindings ?? []) {
      const hostIp = binding.HostIp ?? '';
      const hostPort = binding.HostPort ?? '';
      out.push({
        hostIp,
        hostPort,
        containerPort,
        exposed: ALL_INTERFACES.has(hostIp),
        field: `${field}["${containerPort}"][].HostIp`,
      });
    }
  }
  return out;
}

function modeOf(networkMode: string): { mode: NetworkModeKind; sharesWith?: string } {
  if (networkMode === 'host') return { mode: 'host' };
  if (networkMode === 'none') return { mode: 'none' };
  if (networkMode.startsWith('container:')) return { mode: 'container', sharesWith: networkMode.slice(10) };
  return { mode: 'networks' };
}

/** Every container with its networks (by the network list, so a stopped one still finds its network). */
export function netContainers(facts: NetworkFacts): NetContainer[] {
  const byId = new Map(facts.networks.map((network) => [network.id, network]));
  const byName = new Map(facts.networks.map((network) => [network.name, network]));
  return facts.inspects.map((inspect) => {
    const memberships: Membership[] = [];
    for (const [name, endpoint] of Object.entries(inspect.NetworkSettings?.Networks ?? {})) {
      const network = (endpoint.NetworkID && byId.get(endpoint.NetworkID)) || byName.get(name);
      if (!network) continue;
      const aliases = [...new Set([...(endpoint.Aliases ?? []), ...(endpoint.DNSNames ?? [])])].filter(
        (alias) => !SHORT_ID.test(alias),
      );
      memberships.push({
        network,
        attached: Boolean(endpoint.EndpointID),
        ...(endpoint.IPAddress ? { ipv4: `${endpoint.IPAddress}/${endpoint.IPPrefixLen ?? 32}` } : {}),
        ...(endpoint.GlobalIPv6Address ? { ipv6: endpoint.GlobalIPv6Address } : {}),
        aliases,
      });
    }
    return {
      container: mapContainer(inspect),
      image: inspect.Config?.Image ?? '',
      ...modeOf(inspect.HostConfig?.NetworkMode ?? ''),
      memberships,
      publications: publications(inspect),
    };
  });
}
