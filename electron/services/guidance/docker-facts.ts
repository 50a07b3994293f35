import type { InspectDocument } from '../inspect/inspect-engine';
import { entries, flag, integer, record, strings, text } from '../inspect/raw-fields';
import type { ProcessRow } from './guidance-engine';
import type { MountFact, PublishedPort, WorkloadFacts } from './workload-facts';

/** Variables every image or engine sets: never "configuration passed in the environment". */
const PLUMBING = /^(PATH|HOME|HOSTNAME|TERM|LANG|LANGUAGE|LC_[A-Z]+|TZ|SHLVL|PWD|container)$/;

function mountsOf(doc: InspectDocument): MountFact[] {
  const raw = Array.isArray(doc['Mounts']) ? doc['Mounts'] : [];
  return raw.map((item) => {
    const mount = record(item);
    const type = text(mount['Type']);
    return {
      type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
      source: type === 'volume' ? text(mount['Name']) || text(mount['Source']) : text(mount['Source']),
      destination: text(mount['Destination']),
    };
  });
}

function portsOf(doc: InspectDocument): { published: PublishedPort[]; exposed: number[] } {
  const published: PublishedPort[] = [];
  const exposed = new Set<number>();
  const parse = (key: string): { port: number; protocol: PublishedPort['protocol'] } | undefined => {
    const match = /^(\d+)\/(tcp|udp|sctp)$/.exec(key);
    return match ? { port: Number(match[1]), protocol: match[2] as PublishedPort['protocol'] } : undefined;
  };
  for (const [key] of entries(record(doc['Config'])['ExposedPorts'])) {
    const port = parse(key);
    if (port?.protocol === 'tcp') exposed.add(port.port);
  }
  for (const [key, bindings] of entries(record(doc['NetworkSettings'])['Ports'])) {
    const port = parse(key);
    if (!port) continue;
    if (port.protocol === 'tcp') exposed.add(port.port);
    for (const binding of Array.isArray(bindings) ? bindings : []) {
      const hostPort = Number(text(record(binding)['HostPort']));
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      published.push({
        containerPort: port.port,
        protocol: port.protocol,
        hostIp: text(record(binding)['HostIp']),
        hostPort,
      });
    }
  }
  return { published, exposed: [...exposed].sort((a, b) => a - b) };
}

/**
 * The facts of a Docker container: its inspect document, its /top rows, and its image's Env (to
 * tell variables the container sets from those it inherited; undefined when the image is gone).
 */
export function dockerFacts(
  doc: InspectDocument,
  processes: readonly ProcessRow[],
  imageEnv: readonly string[] | undefined,
): WorkloadFacts {
  const config = record(doc['Config']);
  const state = record(doc['State']);
  const host = record(doc['HostConfig']);
  const inherited = new Set(imageEnv ?? []);
  const ownEnv = strings(config['Env']).filter((pair) => {
    const key = pair.split('=', 1)[0] ?? '';
    return !inherited.has(pair) && !PLUMBING.test(key);
  });
  const test = strings(record(config['Healthcheck'])['Test']);
  const running = flag(state['Running']);
  const pid = integer(state['Pid']);
  const { published, exposed } = portsOf(doc);
  return {
    id: text(doc['Id']),
    name: text(doc['Name']).replace(/^\//, ''),
    image: text(config['Image']),
    running,
    path: text(doc['Path']),
    args: strings(doc['Args']),
    ...(running && pid > 0 ? { pid1: pid } : {}),
    processes,
    engineInit: flag(host['Init']),
    ownEnv,
    mounts: mountsOf(doc),
    ports: published,
    exposedPorts: exposed,
    healthcheck: test.length > 0 && test[0] !== 'NONE',
    labels: Object.fromEntries(
      entries(config['Labels']).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
    ),
  };
}
