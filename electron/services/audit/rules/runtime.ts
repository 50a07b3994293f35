import type { Evidence, Rule, Workload, WorkloadChange } from '../workload';
import { evidence } from './evidence';

/** At most this many evidence items per rule: the count says how many more there were. */
const MAX_ITEMS = 20;

function capped(items: Evidence[], field: string): Evidence[] {
  if (items.length <= MAX_ITEMS) return items;
  return [...items.slice(0, MAX_ITEMS), evidence(field, `… and ${items.length - MAX_ITEMS} more`)];
}

const EXEC_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);
const CRON = /^\/(etc\/crontab|etc\/cron\.(d|hourly|daily|weekly|monthly)\/.+|var\/spool\/cron\/.+)$/;
const AUTHORIZED_KEYS = /\/authorized_keys2?$/;

/** Why a changed path looks like a backdoor, or undefined. */
function suspicious(change: WorkloadChange): string | undefined {
  if (change.kind === 'deleted') return undefined;
  if (AUTHORIZED_KEYS.test(change.path)) return 'SSH authorized_keys';
  if (CRON.test(change.path)) return 'cron entry';
  const parent = change.path.slice(0, change.path.lastIndexOf('/')) || '/';
  if (change.kind === 'added' && EXEC_DIRS.has(parent)) return 'new program';
  return undefined;
}

function runsAsRoot(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === '' || name === '0' || name === 'root';
}

const notRead = (what: string) => (w: Workload) =>
  w.running ? `its ${what} could not be read` : `it is not running, so its ${what} were not read`;

/** What the running container does and has done: processes, filesystem drift, execs. */
export const runtimeRules: readonly Rule[] = [
  {
    id: 'R31',
    title: 'SSH server running in the container',
    severity: 'low',
    why: 'An sshd in a container is one more service to attack and patch; docker exec already gives a shell.',
    fix: 'Remove sshd from the image; use docker exec (bosun shell) for access.',
    refs: ['CIS 5.7'],
    unchecked: (w) => (w.processes ? undefined : notRead('processes')(w)),
    check: (w) =>
      (w.processes ?? [])
        .filter((p) => /^(\S*\/)?sshd(:|\s|$)/.test(p.command))
        .map((p) => evidence(`Top[PID ${p.pid}]`, p.command)),
  },
  {
    id: 'R32',
    title: 'Filesystem drift that looks like a backdoor',
    severity: 'medium',
    why: 'New programs, cron entries or SSH keys written into a running container are how intruders stay; images do not change by themselves.',
    fix: 'Find out who wrote them (bosun files, the engine events); recreate the container from its image and rotate credentials it held.',
    refs: ['app rule'],
    unchecked: (w) => (w.changes ? undefined : `its changes against the image could not be read`),
    check: (w) =>
      capped(
        (w.changes ?? []).flatMap((change) => {
          const why = suspicious(change);
          return why ? [evidence(`Changes[${change.path}]`, `${change.kind}: ${why}`)] : [];
        }),
        'Changes',
      ),
  },
  {
    id: 'R35',
    title: 'Privileged or root exec',
    severity: 'info',
    why: 'A privileged or root exec is the strongest access into a container; it belongs in the audit trail.',
    fix: 'Use exec without --privileged and with --user where possible; review who ran it.',
    refs: ['CIS 5.23', 'CIS 5.24', 'KSV-0053'],
    unchecked: (w) => (w.execs ? undefined : notRead('execs')(w)),
    check: (w) =>
      (w.execs ?? []).flatMap((exec) => {
        const out: Evidence[] = [];
        if (exec.privileged) out.push(evidence(`${exec.field}.ProcessConfig.privileged`, true));
        const root = exec.user === '' ? runsAsRoot(w.user.value) : runsAsRoot(exec.user);
        if (root)
          out.push(
            evidence(
              `${exec.field}.ProcessConfig.user`,
              exec.user === '' ? `'' (the container's user: ${w.user.value || 'root'})` : exec.user,
            ),
          );
        return out;
      }),
  },
];
