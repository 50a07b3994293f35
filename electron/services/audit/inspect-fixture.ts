import type { InspectDocument } from '../inspect/inspect-engine';
import { fromDocker, type DockerExtras } from './from-docker';
import type { HostNetwork, HostView, Workload } from './workload';

/*
 * Inspect documents for tests, shaped as Docker 20.10 (API 1.41) answers for
 * `docker run -d --name web local/busybox:1 sleep 3600` on the default bridge; overrides are merged
 * into it (objects key by key, arrays and scalars replaced).
 */

export const BRIDGE_ID = '9e34edb7bdff2676441fa777e16ab57462c90b77159e7f81ef8356a90e9bf579';
export const IMAGE_ID = 'sha256:28dc0fa88340c64be7e990f602b80439fc85ed0581b6423aba0a376121e637a8';

type Overrides = { [key: string]: unknown };

function merge(base: unknown, over: unknown): unknown {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof over !== 'object' ||
    over === null ||
    Array.isArray(over)
  )
    return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) out[key] = merge(out[key], value);
  return out;
}

let serial = 0;

/** A realistic inspect document of a plain running container, with overrides merged in. */
export function inspectDoc(overrides: Overrides = {}): InspectDocument {
  serial += 1;
  const id = `${serial.toString(16).padStart(4, '0')}${'c0ffee'.repeat(10)}`;
  const base = {
    Id: id,
    Created: '2026-11-24T21:22:20.519106036Z',
    Path: 'sleep',
    Args: ['3600'],
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 2774,
      ExitCode: 0,
    },
    Image: IMAGE_ID,
    Name: `/web-${serial}`,
    Driver: 'overlay2',
    Platform: 'linux',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: null,
      NetworkMode: 'default',
      PortBindings: {},
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      CapAdd: null,
      CapDrop: null,
      IpcMode: 'private',
      PidMode: '',
      Privileged: false,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      CpuQuota: 0,
      Devices: [],
      PidsLimit: null,
    },
    Mounts: [],
    Config: {
      Hostname: id.slice(0, 12),
      User: '',
      ExposedPorts: null,
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sleep', '3600'],
      Image: 'local/busybox:1',
      Entrypoint: null,
      Labels: {},
    },
    NetworkSettings: {
      Ports: {},
      Networks: {
        bridge: {
          NetworkID: BRIDGE_ID,
          IPAddress: `172.17.0.${serial % 250}`,
          IPPrefixLen: 16,
          Gateway: '172.17.0.1',
        },
      },
    },
  };
  return merge(base, overrides) as InspectDocument;
}

/** The same container with every hardening the rules ask for: the quiet baseline of each rule's test. */
export function hardenedDoc(overrides: Overrides = {}): InspectDocument {
  const hardened = inspectDoc({
    HostConfig: {
      NetworkMode: 'app',
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      ReadonlyRootfs: true,
      Memory: 268435456,
      NanoCpus: 500000000,
      PidsLimit: 200,
    },
    Config: {
      User: '1000:1000',
      Image: 'nginx:1.27@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6',
      Healthcheck: { Test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1/'], Interval: 30000000000 },
    },
    NetworkSettings: { Networks: { app: { NetworkID: 'a'.repeat(64), IPAddress: '10.0.0.5' } } },
  });
  // A container on its own network only: off the default bridge.
  const networks = (hardened['NetworkSettings'] as { Networks: Record<string, unknown> }).Networks;
  delete networks['bridge'];
  return merge(hardened, overrides) as InspectDocument;
}

export const BRIDGE: HostNetwork = {
  id: BRIDGE_ID,
  name: 'bridge',
  driver: 'bridge',
  internal: false,
  options: { 'com.docker.network.bridge.enable_icc': 'true' },
};

/** A host with these workloads (and the default bridge). */
export function hostOf(
  workloads: readonly Workload[],
  networks: readonly HostNetwork[] = [BRIDGE],
): HostView {
  return { workloads, networks, trustedRegistries: [] };
}

/** The workload of a document with no extras beyond what the test gives. */
export function workloadOf(doc: InspectDocument, extras: DockerExtras = {}): Workload {
  return fromDocker(doc, extras);
}
