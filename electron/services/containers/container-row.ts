import type Docker from 'dockerode';
import type { ContainerPort, ContainerState } from '../../shared/contract';
import type { ContainerSummary } from './container-engine';

const STATES = new Set<string>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
// Podman's compatibility API reports a few states of its own.
const ALIASES: Record<string, ContainerState> = {
  configured: 'created',
  initialized: 'created',
  stopping: 'running',
  stopped: 'exited',
};
const PORT_TYPES = new Set<string>(['tcp', 'udp', 'sctp']);

function state(raw: string | undefined): ContainerState {
  const value = (raw ?? '').toLowerCase();
  if (STATES.has(value)) return value as ContainerState;
  return ALIASES[value] ?? 'dead';
}

/** Health is only in the Status text of a list ("Up 5 minutes (healthy)"). */
export function healthFromStatus(status: string): ContainerSummary['health'] {
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

/** A container's own name: linked containers also carry "/other/alias" names, so prefer a one-part one. */
function nameOf(names: readonly string[] | undefined): string {
  const all = (names ?? []).map((name) => name.replace(/^\//, ''));
  return all.find((name) => !name.includes('/')) ?? all[0] ?? '';
}

function ports(raw: readonly Docker.Port[] | undefined): ContainerPort[] {
  return (raw ?? []).map((port) => ({
    privatePort: port.PrivatePort,
    ...(port.PublicPort ? { publicPort: port.PublicPort } : {}),
    ...(port.IP ? { ip: port.IP } : {}),
    type: PORT_TYPES.has(port.Type) ? (port.Type as ContainerPort['type']) : 'tcp',
  }));
}

/** One row of GET /containers/json as the contract shows it. `created` becomes ms since the epoch. */
export function toContainerSummary(info: Docker.ContainerInfo): ContainerSummary {
  const labels = info.Labels ?? {};
  const status = info.Status ?? '';
  const health = healthFromStatus(status);
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  return {
    id: info.Id,
    name: nameOf(info.Names),
    image: info.Image ?? '',
    imageId: info.ImageID ?? '',
    command: info.Command ?? '',
    created: (info.Created ?? 0) * 1000,
    state: state(info.State),
    status,
    ...(health ? { health } : {}),
    ports: ports(info.Ports),
    ...(project ? { composeProject: project } : {}),
    ...(service ? { composeService: service } : {}),
    labels,
  };
}
