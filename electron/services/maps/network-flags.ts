import type { MapContainer, MapFlag } from '../../shared/contract';
import { containerNode } from './docker-inspect';
import { allowsIcc, ICC_OPTION, isSegment, type NetContainer } from './network-facts';
import { networkNodeId, portNodeId } from './network-nodes';

// Engine APIs and data stores: published on every interface, they are someone's whole database.
const ADMIN_PORTS = new Set([2375, 2376, 2379, 3306, 5432, 6379, 8500, 9200, 11211, 27017]);

const portNumber = (text: string): number => Number.parseInt(text, 10);

function exposedFlags(all: readonly NetContainer[]): MapFlag[] {
  return all.flatMap((c) => {
    const exposed = c.publications.filter((p) => p.exposed);
    if (exposed.length === 0) return [];
    const sensitive = exposed.some(
      (p) => ADMIN_PORTS.has(portNumber(p.containerPort)) || ADMIN_PORTS.has(portNumber(p.hostPort)),
    );
    const ports = [...new Set(exposed.map((p) => `${p.hostPort}→${p.containerPort}`))];
    return [
      {
        id: `exposed-port:${c.container.id}`,
        kind: 'exposed-port' as const,
        severity: sensitive ? ('high' as const) : ('medium' as const),
        title: `${c.container.name} publishes ${ports.join(', ')} on every interface`,
        why: `Anything that can reach the host can connect${sensitive ? ', and these are admin or database ports' : ''}; the engine's own firewall rules come before host firewalls such as ufw, so those do not protect it. Bind to 127.0.0.1 (-p 127.0.0.1:${exposed[0]!.hostPort}:${portNumber(exposed[0]!.containerPort)}) unless it must be public.`,
        evidence: exposed.map((p) => ({
          container: c.container.name,
          field: p.field,
          value: `${p.hostIp || '(all)'}:${p.hostPort}`,
        })),
        containers: [c.container],
        nodes: [containerNode(c.container.id), ...exposed.map((p) => portNodeId(c.container.id, p))],
      },
    ];
  });
}

function hostNetworkFlags(all: readonly NetContainer[]): MapFlag[] {
  return all
    .filter((c) => c.mode === 'host')
    .map((c) => ({
      id: `host-network:${c.container.id}`,
      kind: 'host-network' as const,
      severity: 'high' as const,
      title: `${c.container.name} uses the host's network`,
      why: "No network isolation: it binds the host's ports directly, reaches services listening only on the host's loopback, and sees all of the host's interfaces.",
      evidence: [{ container: c.container.name, field: 'HostConfig.NetworkMode', value: 'host' }],
      containers: [c.container],
      nodes: [
        containerNode(c.container.id),
        ...c.memberships.filter((m) => m.network.driver === 'host').map((m) => networkNodeId(m.network.id)),
      ],
    }));
}

const NO_PROJECT = '(no project)';

/** Networks whose members belong to different projects, with nothing keeping them apart. */
function flatFlags(all: readonly NetContainer[]): MapFlag[] {
  const members = new Map<string, { name: string; internal: boolean; icc: string; who: MapContainer[] }>();
  for (const c of all) {
    if (c.mode !== 'networks') continue;
    for (const m of c.memberships) {
      if (!isSegment(m.network) || m.network.internal || !allowsIcc(m.network)) continue;
      const entry = members.get(m.network.id) ?? {
        name: m.network.name,
        internal: m.network.internal,
        icc: m.network.options[ICC_OPTION] ?? '(unset: on)',
        who: [],
      };
      entry.who.push(c.container);
      members.set(m.network.id, entry);
    }
  }
  const flags: MapFlag[] = [];
  for (const [id, entry] of members) {
    const projects = [...new Set(entry.who.map((c) => c.project ?? NO_PROJECT))].sort();
    if (projects.length < 2) continue;
    flags.push({
      id: `flat-network:${id}`,
      kind: 'flat-network',
      severity: 'medium',
      title: `Network ${entry.name} joins ${projects.length} projects: ${projects.join(', ')}`,
      why: 'Every container on it can connect to every other: a breach of one project reaches the others. Give each project its own network and connect only what must talk, or set the network internal or ICC off.',
      evidence: [
        { field: 'Network.Internal', value: String(entry.internal) },
        { field: `Network.Options.${ICC_OPTION}`, value: entry.icc },
        ...entry.who.map((c) => ({
          container: c.name,
          field: 'Config.Labels.com.docker.compose.project',
          value: c.project ?? NO_PROJECT,
        })),
      ],
      containers: entry.who,
      nodes: [networkNodeId(id), ...entry.who.map((c) => containerNode(c.id))],
    });
  }
  return flags;
}

export function networkFlags(all: readonly NetContainer[]): MapFlag[] {
  return [...hostNetworkFlags(all), ...exposedFlags(all), ...flatFlags(all)];
}
