import type { Evidence, HostView, Rule, Workload, WorkloadNetwork } from '../workload';
import { evidence, when } from './evidence';

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);
/** Admin and data ports: the engine API, etcd, databases, caches, search and service discovery. */
const ADMIN_PORTS = new Set([2375, 2376, 2379, 3306, 5432, 6379, 8500, 9200, 11211, 27017]);

/** Who a workload belongs to: its compose project (or namespace), else only itself. */
const owner = (w: Workload): string => w.project || `container ${w.name}`;

function flatNetwork(w: Workload, network: WorkloadNetwork, host: HostView): Evidence[] {
  const facts = host.networks.find((n) => (network.id ? n.id === network.id : n.name === network.name));
  if (!facts || facts.internal || facts.driver === 'host' || facts.driver === 'null') return [];
  if (facts.options['com.docker.network.bridge.enable_icc'] === 'false') return [];
  const members = host.workloads.filter(
    (other) =>
      other.running && other.networks.some((n) => (n.id ? n.id === facts.id : n.name === facts.name)),
  );
  const owners = new Set(members.map(owner));
  if (owners.size < 2) return [];
  const others = members
    .filter((other) => other.id !== w.id && owner(other) !== owner(w))
    .map((other) => (other.project ? `${other.name} (project ${other.project})` : other.name));
  return [
    evidence(
      network.field,
      `${network.name}: not internal, ICC on, shared with ${others.length} workload(s) of other owners: ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`,
    ),
  ];
}

/** Who can reach the container, and whom it can reach. */
export const networkRules: readonly Rule[] = [
  {
    id: 'R07',
    title: "Uses the host's network",
    severity: 'high',
    why: 'With the host network there is no network isolation: the container sees every host service, including ones bound to localhost.',
    fix: 'Remove --network host (compose: network_mode: host; Kubernetes: hostNetwork: true) and publish only the ports needed.',
    refs: ['CIS 5.10', 'KSV-0009', 'C-0041'],
    check: (w) => when(w.networkMode, (v) => v === 'host'),
  },
  {
    id: 'R25',
    title: 'Port published on every interface',
    severity: 'medium',
    why: "A port bound to 0.0.0.0 or :: is reachable from every network the host is on; Docker's DNAT rules bypass host firewalls such as ufw.",
    fix: 'Publish on the interface that needs it: -p 127.0.0.1:8080:80 (compose: "127.0.0.1:8080:80"), or put a reverse proxy in front.',
    refs: ['CIS 5.14', 'KSV-0024', 'C-0044'],
    check: (w) =>
      w.ports
        .filter((p) => p.hostPort > 0 && ALL_INTERFACES.has(p.hostIp))
        .map((p) =>
          evidence(
            `${p.field}.HostIp`,
            `${p.hostIp || '(empty: every interface)'} → host port ${p.hostPort} (container ${p.containerPort}/${p.protocol})`,
            ADMIN_PORTS.has(p.containerPort) || ADMIN_PORTS.has(p.hostPort) ? 'high' : undefined,
          ),
        ),
  },
  {
    id: 'R26',
    title: 'Privileged host port published',
    severity: 'low',
    why: 'Ports below 1024 are reserved for system services; publishing one needs privileges and may shadow a host service.',
    fix: 'Publish on a port from 1024 up and let a proxy or the load balancer use the low port.',
    refs: ['CIS 5.8', 'KSV-0117'],
    check: (w) =>
      w.ports
        .filter((p) => p.hostPort > 0 && p.hostPort < 1024)
        .map((p) =>
          evidence(`${p.field}.HostPort`, `${p.hostPort} (container ${p.containerPort}/${p.protocol})`),
        ),
  },
  {
    id: 'R27',
    title: 'On the default bridge network',
    severity: 'low',
    why: 'The default bridge has no name resolution between containers and lets every container on it talk to every other (ICC on).',
    fix: 'Create a network per application (docker network create app; --network app; compose does this by default).',
    refs: ['CIS 5.30', 'CIS 2.2'],
    check: (w) => w.networks.filter((n) => n.name === 'bridge').map((n) => evidence(n.field, n.name)),
  },
  {
    id: 'R28',
    title: 'Flat network shared with unrelated workloads',
    severity: 'medium',
    why: 'Every workload on a network with inter-container traffic on can reach every other: one breach reaches everything on the segment.',
    fix: 'Put each project on its own network; mark back-end networks internal (--internal) and turn ICC off where containers need not talk.',
    refs: ['C-0260', 'C-0206', 'CIS 2.2'],
    check: (w, host) => (w.running ? w.networks.flatMap((n) => flatNetwork(w, n, host)) : []),
  },
];
