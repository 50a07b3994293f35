import type { InspectSummary } from '../contract';
import { formatPorts } from './ports';
import {
  listOrNone,
  shownCommandPart,
  shownHealthResult,
  shownHealthStatus,
  shownMount,
  shownNetwork,
  shownRestartPolicy,
  shownStatus,
  shownTime,
  shownUser,
  yesNo,
} from './inspect-text';

export interface InspectRow {
  readonly key: string;
  /** May hold newlines (a health check's output). */
  readonly value: string;
  /** An environment variable that holds a secret: masked now, or shown because it was revealed. */
  readonly secret?: 'masked' | 'revealed';
}

export type InspectSectionId =
  | 'container'
  | 'state'
  | 'process'
  | 'env'
  | 'restart'
  | 'health'
  | 'health-log'
  | 'labels'
  | 'mounts'
  | 'networks'
  | 'ports'
  | 'resources'
  | 'security'
  | 'notes';

export interface InspectSection {
  readonly id: InspectSectionId;
  readonly title: string;
  readonly rows: readonly InspectRow[];
  /** What an empty section says instead of rows. */
  readonly empty?: string;
}

const row = (key: string, value: string): InspectRow => ({ key, value });

function stateRows(state: InspectSummary['state']): InspectRow[] {
  const running = state.status === 'running' || state.status === 'paused' || state.status === 'restarting';
  return [
    row('Status', shownStatus(state)),
    row('Started', shownTime(state.startedAt)),
    ...(state.finishedAt ? [row('Finished', shownTime(state.finishedAt))] : []),
    ...(!running || state.exitCode !== 0 ? [row('Exit code', String(state.exitCode))] : []),
    row('OOM killed', yesNo(state.oomKilled)),
    row('Restarts', String(state.restartCount)),
    ...(state.error ? [row('Error', state.error)] : []),
  ];
}

function healthRows(check: NonNullable<InspectSummary['healthcheck']>): InspectRow[] {
  if (check.kind === 'NONE') return [row('Test', "none (the image's healthcheck is turned off)")];
  const test = check.kind === 'CMD-SHELL' ? `${check.test.line} (through /bin/sh -c)` : check.test.line;
  return [
    row('Test', test),
    row('Interval', check.interval),
    row('Timeout', check.timeout),
    row('Start period', check.startPeriod),
    row('Retries', check.retries),
    row('Status', shownHealthStatus(check)),
  ];
}

/**
 * The summary as titled sections of key/value rows, in reading order: what `bosun inspect` prints
 * and what the Inspect tab shows, so both say the same.
 */
export function inspectSections(summary: InspectSummary): InspectSection[] {
  const ports = formatPorts(summary.ports);
  const published = new Set(formatPorts(summary.ports.filter((p) => p.publicPort !== undefined)));
  const security = summary.security;
  const sections: InspectSection[] = [
    {
      id: 'container',
      title: 'Container',
      rows: [
        row('Name', summary.name),
        row('ID', summary.id),
        row('Image', `${summary.image.ref} (${summary.image.id.replace(/^sha256:/, '').slice(0, 12)})`),
        row('Created', shownTime(summary.created)),
      ],
    },
    { id: 'state', title: 'State', rows: stateRows(summary.state) },
    {
      id: 'process',
      title: 'Process',
      rows: [
        row('PID 1', summary.pid1.command.line || 'none'),
        row(
          'Host PID',
          summary.pid1.hostPid !== undefined ? String(summary.pid1.hostPid) : 'none (not running)',
        ),
        row('Entrypoint', shownCommandPart(summary.entrypoint)),
        row('Command', shownCommandPart(summary.cmd)),
        row('Working dir', summary.workingDir),
        row('User', shownUser(summary.user)),
      ],
    },
    {
      id: 'env',
      title: 'Environment',
      rows: summary.env.map((v) => ({
        key: v.name,
        value: v.value,
        ...(v.secret ? { secret: v.masked ? ('masked' as const) : ('revealed' as const) } : {}),
      })),
      empty: 'No environment variables.',
    },
    {
      id: 'restart',
      title: 'Restart policy',
      rows: [row('Policy', shownRestartPolicy(summary.restartPolicy))],
    },
    {
      id: 'health',
      title: 'Healthcheck',
      rows: summary.healthcheck ? healthRows(summary.healthcheck) : [],
      empty: 'No healthcheck: the engine only knows whether PID 1 runs.',
    },
    ...(summary.healthcheck && summary.healthcheck.log.length > 0
      ? [
          {
            id: 'health-log' as const,
            title: 'Latest health checks',
            rows: summary.healthcheck.log.map((result) =>
              row(shownTime(result.start), shownHealthResult(result)),
            ),
          },
        ]
      : []),
    {
      id: 'labels',
      title: 'Labels',
      rows: [...summary.labels.compose, ...summary.labels.other].map((l) => row(l.key, l.value)),
      empty: 'No labels.',
    },
    {
      id: 'mounts',
      title: 'Mounts',
      rows: summary.mounts.map((m) => row(m.destination, shownMount(m))),
      empty: 'No mounts: everything written goes to the container’s own layer.',
    },
    {
      id: 'networks',
      title: 'Networks',
      rows: [
        row('Mode', summary.networkMode || 'default'),
        ...summary.networks.map((n) => row(n.name, shownNetwork(n))),
      ],
    },
    {
      id: 'ports',
      title: 'Ports',
      rows: ports.map((p) => row(published.has(p) ? 'published' : 'exposed only', p)),
      empty: 'No ports published or exposed.',
    },
    {
      id: 'resources',
      title: 'Resources',
      rows: summary.resources.map((r) => row(r.key, r.value)),
      empty: 'No limits set: it may use all of the host’s CPU and memory.',
    },
    {
      id: 'security',
      title: 'Security',
      rows: [
        row('Privileged', yesNo(security.privileged)),
        row('Read-only root', yesNo(security.readOnlyRootfs)),
        row('Capabilities added', listOrNone(security.capAdd)),
        row('Capabilities dropped', listOrNone(security.capDrop)),
        row('Security options', listOrNone(security.securityOpt)),
      ],
    },
  ];
  if (summary.notes.length > 0) {
    sections.push({ id: 'notes', title: 'Notes', rows: summary.notes.map((note) => row('Note', note)) });
  }
  return sections;
}
