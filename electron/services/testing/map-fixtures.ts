import type { MapInspect } from '../maps/docker-inspect';

type Mount = NonNullable<MapInspect['Mounts']>[number];

/** A container inspect document shaped as the engine returns it (only the fields maps read). */
export function inspectDoc(
  id: string,
  name: string,
  options: {
    image?: string;
    status?: string;
    labels?: Record<string, string>;
    binds?: string[];
    mounts?: Mount[];
    tmpfs?: Record<string, string>;
    networkMode?: string;
    networks?: NonNullable<NonNullable<MapInspect['NetworkSettings']>['Networks']>;
    ports?: NonNullable<NonNullable<MapInspect['NetworkSettings']>['Ports']>;
    portBindings?: NonNullable<NonNullable<MapInspect['HostConfig']>['PortBindings']>;
  } = {},
): MapInspect {
  const status = options.status ?? 'running';
  return {
    Id: id,
    Name: `/${name}`,
    State: { Status: status, Running: status === 'running' },
    Config: { Image: options.image ?? 'local/busybox:1', Labels: options.labels ?? {} },
    HostConfig: {
      Binds: options.binds ?? null,
      Mounts: null,
      NetworkMode: options.networkMode ?? 'bridge',
      Tmpfs: options.tmpfs ?? null,
      PortBindings: options.portBindings ?? {},
    },
    Mounts: options.mounts ?? [],
    NetworkSettings: { Ports: options.ports ?? {}, Networks: options.networks ?? {} },
  };
}

export const hex = (n: number): string => n.toString(16).padStart(64, '0');

export function bindMount(source: string, destination: string, rw = true): Mount {
  return { Type: 'bind', Source: source, Destination: destination, RW: rw, Propagation: 'rprivate' };
}

export function volumeMount(name: string, destination: string, rw = true): Mount {
  return {
    Type: 'volume',
    Name: name,
    Source: `/var/lib/docker/volumes/${name}/_data`,
    Destination: destination,
    Driver: 'local',
    RW: rw,
    Propagation: '',
  };
}
