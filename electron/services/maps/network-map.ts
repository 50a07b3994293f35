import type { MapEdge, MapNode, NetworkMap } from '../../shared/contract';
import type { NetworkSummary } from '../networks/networks-engine';
import { containerNode } from './docker-inspect';
import { sortFlags } from './flag-order';
import { networkFlags } from './network-flags';
import { allowsIcc, ICC_OPTION, netContainers, type NetContainer, type NetworkFacts } from './network-facts';
import { networkNodeId, portNodeId } from './network-nodes';
import { reachability } from './reachability';

function networkNode(network: NetworkSummary): MapNode {
  const special =
    network.driver === 'host'
      ? "the host's own network stack"
      : network.driver === 'null'
        ? 'no network at all'
        : undefined;
  return {
    id: networkNodeId(network.id),
    kind: 'network',
    label: network.name,
    facts: [
      { name: 'driver', value: network.driver },
      ...(special ? [{ name: 'means', value: special }] : []),
      ...network.subnets.map((s) => ({ name: 'subnet', value: s.subnet })),
      ...(special
        ? []
        : [
            { name: 'internal', value: network.internal ? 'yes: no route out' : 'no' },
            {
              name: 'inter-container traffic',
              value: allowsIcc(network) ? 'allowed' : `blocked (${ICC_OPTION}=false)`,
            },
          ]),
    ],
  };
}

function containerNodeOf(c: NetContainer): MapNode {
  return {
    id: containerNode(c.container.id),
    kind: 'container',
    label: c.container.name,
    container: c.container,
    facts: [
      { name: 'image', value: c.image },
      { name: 'state', value: c.container.state },
      ...(c.container.project ? [{ name: 'project', value: c.container.project }] : []),
      ...(c.mode === 'container' ? [{ name: 'network', value: `namespace of ${c.sharesWith}` }] : []),
    ],
  };
}

/**
 * The network map of one engine: networks with their containers (addresses, aliases), published ports,
 * who can reach whom, and the flags. Networks nobody is on are left out: they connect nothing.
 */
export function buildNetworkMap(facts: NetworkFacts, notes: readonly string[] = []): NetworkMap {
  const all = netContainers(facts);
  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  for (const c of all) {
    const from = containerNode(c.container.id);
    nodes.set(from, containerNodeOf(c));
    for (const m of c.memberships) {
      const to = networkNodeId(m.network.id);
      if (!nodes.has(to)) nodes.set(to, networkNode(m.network));
      const address = [m.ipv4, m.ipv6].filter(Boolean).join(' ');
      edges.push({
        id: `${from}>${to}`,
        from,
        to,
        kind: 'network',
        label: address || (m.attached ? 'attached' : 'not running'),
        aliases: [...m.aliases],
      });
    }
    for (const p of c.publications) {
      const to = portNodeId(c.container.id, p);
      nodes.set(to, {
        id: to,
        kind: 'port',
        label: `${p.hostIp || '*'}:${p.hostPort}`,
        facts: [
          { name: 'to', value: p.containerPort },
          { name: 'reachable from', value: p.exposed ? 'every interface (exposed)' : `${p.hostIp} only` },
        ],
      });
      edges.push({ id: `${from}>${to}`, from, to, kind: 'publish', label: p.containerPort });
    }
  }
  return {
    connectionId: facts.connectionId,
    nodes: [...nodes.values()],
    edges,
    flags: sortFlags(networkFlags(all)),
    notes: [...notes],
    reachability: reachability(all),
  };
}
