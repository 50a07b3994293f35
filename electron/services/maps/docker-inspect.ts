import type { MapContainer } from '../../shared/contract';
import { containerState } from '../containers/container-row';
import type { RawInspect } from '../containers/removal-impact';

interface RawEndpoint {
  NetworkID?: string;
  EndpointID?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  Aliases?: string[] | null;
  DNSNames?: string[] | null;
}

export interface RawPortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** The parts of `GET /containers/{id}/json` the maps read; nothing about its shape is trusted. */
export interface MapInspect extends RawInspect {
  Id?: string;
  Name?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null } | null;
  HostConfig?: RawInspect['HostConfig'] & {
    NetworkMode?: string;
    Tmpfs?: Record<string, string> | null;
    PortBindings?: Record<string, RawPortBinding[] | null> | null;
  };
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    Driver?: string;
    RW?: boolean;
    Propagation?: string;
  }> | null;
  NetworkSettings?: {
    Ports?: Record<string, RawPortBinding[] | null> | null;
    Networks?: Record<string, RawEndpoint> | null;
  } | null;
}

const PROJECT_LABELS = ['com.docker.compose.project', 'com.docker.stack.namespace'];

/** The container as maps name it, with its compose project (or stack) when it has one. */
export function mapContainer(inspect: MapInspect): MapContainer {
  const labels = inspect.Config?.Labels ?? {};
  const project = PROJECT_LABELS.map((key) => labels[key]).find((value) => value);
  return {
    id: inspect.Id ?? '',
    name: (inspect.Name ?? '').replace(/^\//, '') || (inspect.Id ?? '').slice(0, 12),
    state: containerState(inspect.State?.Status, ''),
    ...(project ? { project } : {}),
  };
}

export const containerNode = (id: string): string => `container:${id}`;
