import type { CommandPart, InspectSummary } from '../contract';

/*
 * The words of the inspect summary, shared by the CLI and the app so both say the same thing.
 */

/** An engine time (ISO, UTC) as people read it: 2025-11-24 21:15:27 UTC. */
export function shownTime(iso: string | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export function listOrNone(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : 'none';
}

/** Entrypoint or Cmd and where it came from. */
export function shownCommandPart(part: CommandPart): string {
  const value = part.effective?.line ?? 'none';
  switch (part.source) {
    case 'image':
      return `${value} (the image's default)`;
    case 'container':
      return `${value} (set on the container; the image's: ${part.image?.line ?? 'none'})`;
    case 'unknown':
      return `${value} (the image is gone: its default is unknown)`;
  }
}

export function shownUser(user: string): string {
  return user === '' ? 'root (none set)' : user;
}

export function shownRestartPolicy(policy: InspectSummary['restartPolicy']): string {
  switch (policy.name) {
    case 'no':
      return 'no (never restarted by the engine)';
    case 'on-failure':
      return policy.maxRetries > 0
        ? `on-failure, at most ${policy.maxRetries} ${policy.maxRetries === 1 ? 'retry' : 'retries'}`
        : 'on-failure, retries without limit';
    default:
      return policy.name;
  }
}

export function shownStatus(state: InspectSummary['state']): string {
  return state.health ? `${state.status} (${state.health})` : state.status;
}

type Mount = InspectSummary['mounts'][number];

export function shownMount(mount: Mount): string {
  const what =
    mount.type === 'volume'
      ? mount.anonymous
        ? `anonymous volume ${mount.volumeName?.slice(0, 12) ?? ''}`
        : `volume ${mount.volumeName ?? mount.source}`
      : mount.type === 'bind'
        ? `bind ${mount.source}`
        : `${mount.type}${mount.source ? ` ${mount.source}` : ''}`;
  const propagation = mount.propagation ? ` · propagation ${mount.propagation}` : '';
  return `${what} · ${mount.mode}${propagation}`;
}

type Network = InspectSummary['networks'][number];

export function shownNetwork(network: Network): string {
  const parts = [
    `IP ${network.ipAddress || 'none'}`,
    ...(network.ipv6Address ? [`IPv6 ${network.ipv6Address}`] : []),
    `gateway ${network.gateway || 'none'}`,
    `MAC ${network.macAddress || 'none'}`,
    `aliases ${listOrNone(network.aliases)}`,
  ];
  return parts.join(' · ');
}

type HealthResult = NonNullable<InspectSummary['healthcheck']>['log'][number];

export function shownHealthResult(result: HealthResult): string {
  const took = result.durationMs !== undefined ? ` · ${result.durationMs} ms` : '';
  if (!result.output) return `exit ${result.exitCode}${took}`;
  // A short one-line output reads best beside the exit code; anything longer gets its own lines.
  const inline = !result.output.includes('\n') && result.output.length <= 80;
  return `exit ${result.exitCode}${took}${inline ? ' · ' : '\n'}${result.output}`;
}

export function shownHealthStatus(check: NonNullable<InspectSummary['healthcheck']>): string {
  const status = check.status ?? 'not checked yet';
  return check.failingStreak > 0 ? `${status}, failing ${check.failingStreak} times in a row` : status;
}

/** How the secrets of a summary stand, in one sentence ("" when there are none). */
export function secretsSentence(secrets: number, revealed: boolean): string {
  if (secrets === 0) return '';
  const values = secrets === 1 ? '1 secret value is' : `${secrets} secret values are`;
  return `${values} ${revealed ? 'shown' : 'masked'}.`;
}
