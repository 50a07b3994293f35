import type Docker from 'dockerode';
import type { ContainerPort, ContainerState } from '../../shared/contract';
import type { ContainerSummary } from './container-engine';

const STATES = new Set<string>(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
// Podman's compatibility API reports a few states of its own (libpod's ContainerState names).
const ALIASES: Record<string, ContainerState> = {
  // Configured and initialized containers exist but have never run: what Docker calls created.
  configured: 'created',
  initialized: 'created',
  // Its processes are still running until the stop completes; Docker itself shows `running` then.
  stopping: 'running',
  // Podman's `stopped` is exited but not yet cleaned up; `exited` is the same for a person.
  stopped: 'exited',
};
// For a state nobody told us about, the Status text ("Up 3 minutes", "Exited (0) …") still says a lot.
const FROM_STATUS: ReadonlyArray<readonly [RegExp, ContainerState]> = [
  [/^up\b.*\(paused\)/i, 'paused'],
  [/^up\b/i, 'running'],
  [/^restarting\b/i, 'restarting'],
  [/^removal\b/i, 'removing'],
  [/^(exited|stopped)\b/i, 'exited'],
  [/^created\b/i, 'created'],
  [/^dead\b/i, 'dead'],
];
const PORT_TYPES = new Set<string>(['tcp', 'udp', 'sctp']);

/** Told once per unknown engine state, with the state the row shows instead. */
export type UnknownStateReport = (raw: string, shown: ContainerState) => void;

/**
 * A container's state as the contract knows it. An unknown one is not `dead` (red, "broken"): the
 * Status text decides when it can, and otherwise `exited`, the honest "not running, as far as we can
 * tell" that raises no false alarm.
 */
export function containerState(
  raw: string | undefined,
  status: string,
  report?: UnknownStateReport,
): ContainerState {
  const value = (raw ?? '').toLowerCase();
  if (STATES.has(value)) return value as ContainerState;
  const alias = ALIASES[value];
  if (alias) return alias;
  const shown = FROM_STATUS.find(([pattern]) => pattern.test(status.trim()))?.[1] ?? 'exited';
  report?.(raw ?? '', shown);
  return shown;
}

/** A report that logs each unknown state once per process, not once per row and re-read. */
export function logUnknownStatesOnce(log: (message: string) => void): UnknownStateReport {
  const seen = new Set<string>();
  return (raw, shown) => {
    const key = raw.slice(0, 40);
    if (seen.has(key)) return;
    seen.add(key);
    log(
      `An engine reported the container state "${key}", which Bosun does not know; it is shown as ${shown}.`,
    );
  };
}

/** Health is only in the Status text of a list ("Up 5 minutes (healthy)"). */
export function healthFromStatus(status: string): ContainerSummary['health'] {
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

/** A container's own name: linked containers also carry "/other/alias" names, so prefer a one-part one. */
export function nameOf(names: readonly string[] | undefined): string {
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
export function toContainerSummary(
  info: Docker.ContainerInfo,
  onUnknownState?: UnknownStateReport,
): ContainerSummary {
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
    state: containerState(info.State, status, onUnknownState),
    status,
    ...(health ? { health } : {}),
    ports: ports(info.Ports),
    ...(project ? { composeProject: project } : {}),
    ...(service ? { composeService: service } : {}),
    labels,
  };
}
