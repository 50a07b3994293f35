import type { InspectDocument } from '../inspect/inspect-engine';
import { entries, flag, integer, record, strings, text } from '../inspect/raw-fields';
import type {
  Fact,
  MountKind,
  Workload,
  WorkloadChange,
  WorkloadExec,
  WorkloadMount,
  WorkloadPort,
  WorkloadProcess,
} from './workload';

/** A volume as GET /volumes lists it: what R06 needs. */
export interface VolumeFacts {
  readonly driver: string;
  readonly options: Readonly<Record<string, string>>;
}

/** An image as GET /images/json lists it: what R29 and R30 need. */
export interface ImageFacts {
  readonly repoDigests: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** What the audit read besides the inspect document; absent parts leave their rules unchecked. */
export interface DockerExtras {
  readonly volumes?: ReadonlyMap<string, VolumeFacts>;
  /** By image id (sha256:…). */
  readonly images?: ReadonlyMap<string, ImageFacts>;
  readonly processes?: readonly WorkloadProcess[];
  readonly changes?: readonly WorkloadChange[];
  readonly execs?: readonly WorkloadExec[];
}

const fact = <T>(field: string, value: T): Fact<T> => ({ field, value });

const COMPOSE_PROJECT = 'com.docker.compose.project';

function mountKind(type: string): MountKind {
  return type === 'bind' || type === 'volume' || type === 'tmpfs' || type === 'npipe' ? type : 'other';
}

function mounts(
  doc: InspectDocument,
  volumes: ReadonlyMap<string, VolumeFacts> | undefined,
): WorkloadMount[] {
  const list = Array.isArray(doc['Mounts']) ? (doc['Mounts'] as unknown[]) : [];
  return list.map((item, index) => {
    const m = record(item);
    const kind = mountKind(text(m['Type']));
    const name = text(m['Name']);
    const known = name ? volumes?.get(name) : undefined;
    return {
      field: `Mounts[${index}]`,
      kind,
      source: text(m['Source']),
      destination: text(m['Destination']),
      readOnly: m['RW'] !== true,
      propagation: text(m['Propagation']),
      ...(kind === 'volume'
        ? {
            volume: {
              name,
              driver: known?.driver ?? text(m['Driver']),
              options: known?.options ?? {},
            },
          }
        : {}),
    };
  });
}

function portNumber(spec: string): { port: number; protocol: string } {
  const [port = '', protocol = 'tcp'] = spec.split('/');
  return { port: Number.parseInt(port, 10) || 0, protocol };
}

/**
 * Published ports: what the engine bound (NetworkSettings.Ports) while the container runs; for a
 * stopped one, what it will bind on start (HostConfig.PortBindings).
 */
function ports(doc: InspectDocument, running: boolean): WorkloadPort[] {
  const base = running ? 'NetworkSettings.Ports' : 'HostConfig.PortBindings';
  const holder = running
    ? record(doc['NetworkSettings'])['Ports']
    : record(doc['HostConfig'])['PortBindings'];
  const out: WorkloadPort[] = [];
  for (const [spec, bindings] of entries(holder)) {
    if (!Array.isArray(bindings)) continue;
    const { port, protocol } = portNumber(spec);
    bindings.forEach((binding: unknown, index) => {
      const b = record(binding);
      out.push({
        field: `${base}["${spec}"][${index}]`,
        containerPort: port,
        protocol,
        hostIp: text(b['HostIp']),
        hostPort: Number.parseInt(text(b['HostPort']), 10) || 0,
      });
    });
  }
  return out;
}

function seccomp(securityOpt: readonly string[]): string {
  const option = securityOpt.find((o) => /^seccomp[=:]/.test(o));
  if (!option) return 'runtime-default';
  const value = option.slice('seccomp'.length + 1);
  return value === 'unconfined' ? 'unconfined' : 'profile';
}

function noNewPrivileges(securityOpt: readonly string[]): boolean {
  return securityOpt.some((o) => /^no-new-privileges([=:]true)?$/.test(o));
}

function restartPolicy(host: Record<string, unknown>): Fact<{ name: string; maxRetries: number }> {
  const policy = record(host['RestartPolicy']);
  return fact('HostConfig.RestartPolicy', {
    name: text(policy['Name']) || 'no',
    maxRetries: integer(policy['MaximumRetryCount']),
  });
}

function healthcheck(config: Record<string, unknown>): readonly string[] | null {
  const check = config['Healthcheck'];
  if (check === undefined || check === null) return null;
  const test = strings(record(check)['Test']);
  return test.length > 0 ? test : null;
}

function pidsLimit(host: Record<string, unknown>): number | null {
  const value = host['PidsLimit'];
  return typeof value === 'number' && value > 0 ? value : null;
}

/** A container's inspect document (plus what else was read) as the rules see it. */
export function fromDocker(doc: InspectDocument, extras: DockerExtras = {}): Workload {
  const host = record(doc['HostConfig']);
  const config = record(doc['Config']);
  const state = record(doc['State']);
  const running = flag(state['Running']);
  const securityOpt = strings(host['SecurityOpt']);
  const labels = record(config['Labels']);
  const imageId = text(doc['Image']);
  const image = extras.images?.get(imageId);
  const networks = entries(record(doc['NetworkSettings'])['Networks']).map(([name, value]) => ({
    field: `NetworkSettings.Networks.${name}`,
    name,
    id: text(record(value)['NetworkID']),
  }));
  const devices = (Array.isArray(host['Devices']) ? (host['Devices'] as unknown[]) : []).map(
    (device, index) => fact(`HostConfig.Devices[${index}].PathOnHost`, text(record(device)['PathOnHost'])),
  );
  return {
    platform: 'docker',
    id: text(doc['Id']),
    name: text(doc['Name']).replace(/^\//, ''),
    running,
    project: text(labels[COMPOSE_PROJECT]),
    image: {
      ref: fact('Config.Image', text(config['Image'])),
      ...(image
        ? {
            digests: fact(`Image(${imageId.slice(7, 19)}).RepoDigests`, image.repoDigests),
            labels: fact(`Image(${imageId.slice(7, 19)}).Config.Labels`, image.labels),
          }
        : {}),
    },
    privileged: fact('HostConfig.Privileged', flag(host['Privileged'])),
    networkMode: fact('HostConfig.NetworkMode', text(host['NetworkMode'])),
    pidMode: fact('HostConfig.PidMode', text(host['PidMode'])),
    ipcMode: fact('HostConfig.IpcMode', text(host['IpcMode'])),
    utsMode: fact('HostConfig.UTSMode', text(host['UTSMode'])),
    usernsMode: fact('HostConfig.UsernsMode', text(host['UsernsMode'])),
    capAdd: fact('HostConfig.CapAdd', strings(host['CapAdd'])),
    capDrop: fact('HostConfig.CapDrop', strings(host['CapDrop'])),
    user: fact('Config.User', text(config['User'])),
    securityOpt: fact('HostConfig.SecurityOpt', securityOpt),
    appArmorProfile: fact('AppArmorProfile', text(doc['AppArmorProfile'])),
    noNewPrivileges: fact('HostConfig.SecurityOpt', noNewPrivileges(securityOpt)),
    seccomp: fact('HostConfig.SecurityOpt', seccomp(securityOpt)),
    devices,
    mounts: mounts(doc, extras.volumes),
    readOnlyRootfs: fact('HostConfig.ReadonlyRootfs', flag(host['ReadonlyRootfs'])),
    memoryLimit: fact('HostConfig.Memory', integer(host['Memory'])),
    cpu: [
      fact('HostConfig.NanoCpus', integer(host['NanoCpus'])),
      fact('HostConfig.CpuShares', integer(host['CpuShares'])),
    ],
    pidsLimit: fact('HostConfig.PidsLimit', pidsLimit(host)),
    healthcheck: fact('Config.Healthcheck.Test', healthcheck(config)),
    restartPolicy: restartPolicy(host),
    ports: ports(doc, running),
    networks,
    env: strings(config['Env']).map((entry, index) => fact(`Config.Env[${index}]`, entry)),
    ...(extras.processes ? { processes: extras.processes } : {}),
    ...(extras.changes ? { changes: extras.changes } : {}),
    ...(extras.execs ? { execs: extras.execs } : {}),
  };
}
