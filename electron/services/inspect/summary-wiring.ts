import type { ContainerPort, InspectSummary } from '../../shared/contract';
import { entries, flag, integer, record, strings, text, type Json } from './raw-fields';
import type { SummaryContext } from './summary-context';

const COMPOSE_LABEL = 'com.docker.compose.';
/** A volume the engine named itself: 64 hex digits, what `docker run -v /data` and an image VOLUME get. */
const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;
const PROTOCOLS = new Set<ContainerPort['type']>(['tcp', 'udp', 'sctp']);

export function readLabels(config: Json, context: SummaryContext): InspectSummary['labels'] {
  const all = entries(config['Labels'])
    .map(([key, value]) => ({ key, value: context.clip(text(value)) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const compose = all.filter((label) => label.key.startsWith(COMPOSE_LABEL));
  const other = all.filter((label) => !label.key.startsWith(COMPOSE_LABEL));
  return { compose: context.limit(compose, 'compose labels'), other: context.limit(other, 'labels') };
}

export function readMounts(doc: Json, context: SummaryContext): InspectSummary['mounts'] {
  const mounts = Array.isArray(doc['Mounts']) ? doc['Mounts'].map(record) : [];
  return context.limit(mounts, 'mounts').map((mount) => {
    const type = text(mount['Type']) || 'bind';
    const name = text(mount['Name']);
    const driver = text(mount['Driver']);
    return {
      type,
      source: context.clip(text(mount['Source'])),
      destination: context.clip(text(mount['Destination'])),
      mode: mount['RW'] === false ? 'ro' : 'rw',
      propagation: text(mount['Propagation']),
      ...(type === 'volume' && name ? { volumeName: name } : {}),
      anonymous: type === 'volume' && ANONYMOUS_VOLUME.test(name),
      ...(driver ? { driver } : {}),
    };
  });
}

export function readNetworks(doc: Json, context: SummaryContext): InspectSummary['networks'] {
  const networks = entries(record(doc['NetworkSettings'])['Networks']);
  return context.limit(networks, 'networks').map(([name, value]) => {
    const network = record(value);
    const ip = text(network['IPAddress']);
    const ipv6 = text(network['GlobalIPv6Address']);
    return {
      name,
      ipAddress: ip ? `${ip}/${integer(network['IPPrefixLen'])}` : '',
      ipv6Address: ipv6 ? `${ipv6}/${integer(network['GlobalIPv6PrefixLen'])}` : '',
      gateway: text(network['Gateway']),
      macAddress: text(network['MacAddress']),
      aliases: strings(network['Aliases']),
    };
  });
}

function splitPortKey(key: string): { privatePort: number; type: ContainerPort['type'] } | undefined {
  const match = /^(\d{1,5})\/(tcp|udp|sctp)$/.exec(key);
  if (!match) return undefined;
  const type = match[2] as ContainerPort['type'];
  return PROTOCOLS.has(type) ? { privatePort: Number(match[1]), type } : undefined;
}

/**
 * Published bindings and exposed-only ports. A running container's NetworkSettings.Ports has the real
 * host ports; a stopped one has none there, so its configured bindings (fixed host ports only) stand in.
 */
export function readPorts(doc: Json, context: SummaryContext): ContainerPort[] {
  const live = entries(record(doc['NetworkSettings'])['Ports']);
  const configured = entries(record(doc['HostConfig'])['PortBindings']);
  const exposed = entries(record(doc['Config'])['ExposedPorts']).map(([key]) => [key, null] as const);
  const source = live.length > 0 ? live : [...configured, ...exposed];
  const ports: ContainerPort[] = [];
  const seen = new Set<string>();
  for (const [key, bindings] of source) {
    const port = splitPortKey(key);
    if (!port) continue;
    const published = Array.isArray(bindings) ? bindings.map(record) : [];
    for (const binding of published) {
      const hostPort = Number(text(binding['HostPort']));
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      const ip = text(binding['HostIp']);
      seen.add(key);
      ports.push({ ...port, publicPort: hostPort, ...(ip ? { ip } : {}) });
    }
    if (!seen.has(key)) {
      seen.add(key);
      ports.push(port);
    }
  }
  return context.limit(ports, 'ports');
}

const MIB = 1024 * 1024;

function bytes(value: number): string {
  if (value >= 1024 * MIB) return `${+(value / (1024 * MIB)).toFixed(2)} GiB`;
  if (value >= MIB) return `${+(value / MIB).toFixed(2)} MiB`;
  if (value >= 1024) return `${+(value / 1024).toFixed(2)} KiB`;
  return `${value} B`;
}

/** The limits that are set, readable; an empty list means none (the container may use the whole host). */
export function readResources(hostConfig: Json): InspectSummary['resources'] {
  const out: InspectSummary['resources'] = [];
  const add = (key: string, value: string): number => out.push({ key, value });
  const memory = integer(hostConfig['Memory']);
  const reservation = integer(hostConfig['MemoryReservation']);
  const swap = integer(hostConfig['MemorySwap']);
  const nanoCpus = integer(hostConfig['NanoCpus']);
  const quota = integer(hostConfig['CpuQuota']);
  const period = integer(hostConfig['CpuPeriod']) || 100_000;
  const shares = integer(hostConfig['CpuShares']);
  const cpuset = text(hostConfig['CpusetCpus']);
  const pids = integer(hostConfig['PidsLimit']);
  if (memory > 0) add('Memory limit', bytes(memory));
  if (reservation > 0) add('Memory reservation', bytes(reservation));
  if (swap > 0 && memory > 0) add('Memory + swap limit', bytes(swap));
  if (swap === -1) add('Swap', 'unlimited');
  if (nanoCpus > 0) add('CPUs', `${+(nanoCpus / 1e9).toFixed(3)}`);
  else if (quota > 0) add('CPUs', `${+(quota / period).toFixed(3)} (quota ${quota} per ${period} µs)`);
  if (shares > 0 && shares !== 1024) add('CPU shares', String(shares));
  if (cpuset) add('CPU set', cpuset);
  if (pids > 0) add('PIDs limit', String(pids));
  return out;
}

export function readSecurity(hostConfig: Json): InspectSummary['security'] {
  return {
    privileged: flag(hostConfig['Privileged']),
    readOnlyRootfs: flag(hostConfig['ReadonlyRootfs']),
    capAdd: strings(hostConfig['CapAdd']),
    capDrop: strings(hostConfig['CapDrop']),
    securityOpt: strings(hostConfig['SecurityOpt']),
  };
}
