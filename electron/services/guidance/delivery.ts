import type { ConfigSource, Delivery } from '../../shared/contract';
import type { ProcessRow } from './guidance-engine';
import type { ProgramMatch } from './knowledge-port';
import { composeOf, type MountFact, type WorkloadFacts } from './workload-facts';

type Pid1 = Delivery['pid1'];

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const INITS = new Set(['tini', 'tini-static', 'docker-init', 'dumb-init', 'catatonit']);
const SUPERVISORS = ['supervisord', 's6-svscan', 'runsvdir', 's6-supervise'];
const SYSTEMD = /(^|\/)(systemd|init)$/;

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1).replace(/:$/, '');

/** PID 1's row: the one at the PID the engine reports, else the process whose parent is outside the list. */
export function pid1Row(facts: WorkloadFacts): ProcessRow | undefined {
  const byPid = facts.processes.find((row) => row.pid === facts.pid1);
  if (byPid) return byPid;
  const pids = new Set(facts.processes.map((row) => row.pid));
  return [...facts.processes]
    .filter((row) => row.ppid === undefined || !pids.has(row.ppid))
    .sort((a, b) => a.pid - b.pid)[0];
}

/** Who PID 1 is and whether a signal sent to the container reaches `program`. */
export function classifyPid1(facts: WorkloadFacts, program: ProgramMatch | undefined): Pid1 {
  const row = pid1Row(facts);
  const command = row?.command || [facts.path, ...facts.args].join(' ').trim();
  const words = command.split(/\s+/);
  const first = basename(words[0] ?? '');
  const programPid = program?.process?.pid;
  if (row && programPid === row.pid) {
    return {
      kind: 'program',
      command,
      forwardsSignals: true,
      note: `PID 1 is ${program?.entry.name ?? 'the program'} itself: a signal sent to the container (the kill API) reaches it.`,
    };
  }
  if (SHELLS.has(first)) {
    return {
      kind: 'shell',
      command,
      forwardsSignals: false,
      note:
        `PID 1 is a shell (${first}${words[1] === '-c' ? ' -c' : ''}): it has no handler for HUP and the kernel drops signals ` +
        'without a handler for a namespace’s PID 1, so a signal sent to the container never reaches the program. ' +
        'Bosun signals the program’s own PID with kill run in the container instead; an exec-form CMD (or `exec` in the script) would fix it for good.',
    };
  }
  if (INITS.has(first) || (facts.engineInit && first === 'init')) {
    const direct =
      programPid === undefined || facts.processes.find((p) => p.pid === programPid)?.ppid === row?.pid;
    const rewrite = first === 'dumb-init' && /\s(-r|--rewrite)[\s=]/.test(` ${command} `);
    return {
      kind: 'init',
      command,
      forwardsSignals: direct && !rewrite,
      note:
        `PID 1 is ${first}, which forwards signals to its child` +
        (rewrite
          ? ', but this one rewrites signals (--rewrite): Bosun signals the program directly.'
          : direct
            ? '.'
            : ', and the program is not that child: Bosun signals the program directly.'),
    };
  }
  const supervisor = SUPERVISORS.find((name) => command.includes(name));
  if (supervisor) {
    const how =
      supervisor === 'supervisord'
        ? '`supervisorctl signal HUP <program>`'
        : supervisor.startsWith('s6')
          ? '`s6-svc -h /run/service/<program>`'
          : '`sv hup <program>`';
    return {
      kind: 'supervisor',
      command,
      forwardsSignals: false,
      note: `PID 1 is ${supervisor}: a signal to it acts on the supervisor (HUP re-reads its own config), not on the programs it runs. Reload a program with ${how} or kill on its PID; Bosun uses the PID.`,
    };
  }
  if (SYSTEMD.test(words[0] ?? '') && (first === 'systemd' || /systemd|\/sbin\/init/.test(command))) {
    return {
      kind: 'systemd',
      command,
      forwardsSignals: false,
      note:
        'PID 1 is systemd: the engine sees only systemd, so whether a service is up, or failed after a reload, is invisible to Docker ' +
        '(the container stays "running"). Reload with `systemctl reload <unit>` in the container, and add a HEALTHCHECK that tests the service itself.',
    };
  }
  if (!program?.process) {
    return {
      kind: 'program',
      command,
      forwardsSignals: true,
      note: 'PID 1 is the container’s main program itself: a signal sent to the container reaches it.',
    };
  }
  return {
    kind: 'other',
    command,
    forwardsSignals: false,
    note: `PID 1 is ${first || 'a wrapper'}, not ${program.entry.name}: whether it passes signals on is unknown, so Bosun signals ${program.entry.name}’s own PID.`,
  };
}

const within = (path: string, dir: string): boolean =>
  dir === '/' || path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

function sourceOf(path: string, mount: MountFact): ConfigSource {
  const where = { source: mount.source, destination: mount.destination };
  if (mount.type === 'volume') {
    return {
      path,
      kind: 'volume',
      ...where,
      note: `${mount.destination} is the volume ${mount.source}: a change written into the volume is seen by the container at once; it survives a restart and a recreate.`,
    };
  }
  if (mount.type === 'tmpfs') {
    return {
      path,
      kind: 'tmpfs',
      destination: mount.destination,
      note: `${mount.destination} is a tmpfs: a change there is lost when the container stops.`,
    };
  }
  if (mount.isDirectory === false) {
    return {
      path,
      kind: 'bind-file',
      ...where,
      note:
        `${mount.destination} is a single-file bind mount of ${mount.source}: the container holds the file’s inode, so an editor that saves by writing a new file and renaming it ` +
        '(vim, sed -i, most IDEs) leaves the container reading the old content until it is recreated. Edit the file in place, or mount its directory instead.',
    };
  }
  return {
    path,
    kind: 'bind-directory',
    ...where,
    note: `${mount.destination} is a bind mount of the host directory ${mount.source}: a change on the host is visible in the container at once${mount.isDirectory === undefined ? ' (whether it is a directory could not be checked)' : ''}.`,
  };
}

/** Where each config path comes from: the mounts covering it or inside it, else the image. */
export function configSources(facts: WorkloadFacts, configPaths: readonly string[]): ConfigSource[] {
  const out: ConfigSource[] = [];
  for (const raw of configPaths) {
    const path = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
    const related = facts.mounts.filter(
      (mount) => mount.destination && (within(path, mount.destination) || within(mount.destination, path)),
    );
    if (related.length === 0) {
      out.push({
        path,
        kind: 'image',
        note: `${path} is baked into the image: a change made inside the container is lost when it is recreated; build a new image, or mount the config.`,
      });
      continue;
    }
    // The deepest mount covering the path decides; mounts inside it are sources of their own.
    const covering = related
      .filter((mount) => within(path, mount.destination))
      .sort((a, b) => b.destination.length - a.destination.length)[0];
    if (covering) out.push(sourceOf(path, covering));
    for (const inside of related.filter((mount) => mount !== covering && within(mount.destination, path))) {
      out.push(sourceOf(inside.destination, inside));
    }
  }
  return out;
}

/** How to recreate this container so that new environment values apply. */
export function recreateHow(facts: WorkloadFacts): string {
  const compose = composeOf(facts.labels);
  if (compose) {
    const dir = compose.workingDir ? ` in ${compose.workingDir}` : '';
    return `Change the value in the compose file (or its .env), then run \`docker compose -p ${compose.project} up -d ${compose.service}\`${dir}: compose recreates the container.`;
  }
  return `Remove and run it again with the new values: \`docker rm -f ${facts.name}\`, then the same \`docker run\` with the changed -e options (the container's writable layer is lost; volumes are kept).`;
}

/** Configuration passed in environment variables (names only: values may be secrets). */
export function envConfig(facts: WorkloadFacts): Delivery['envConfig'] {
  const keys = facts.ownEnv.map((pair) => pair.split('=', 1)[0] ?? '').filter(Boolean);
  if (keys.length === 0) return undefined;
  return {
    keys,
    note: `Configuration passed in environment variables (${keys.join(', ')}) is fixed when the container is created: neither a reload nor a restart applies a change.`,
    recreate: recreateHow(facts),
  };
}

/** The delivery facts of a workload and the program found in it. */
export function analyzeDelivery(
  facts: WorkloadFacts,
  program: ProgramMatch | undefined,
  configPaths: readonly string[] = program?.entry.configPaths ?? [],
): Delivery {
  const pid1 = classifyPid1(facts, program);
  const sources = program ? configSources(facts, configPaths) : [];
  const env = envConfig(facts);
  const notes = [pid1.note, ...sources.filter((s) => s.kind === 'bind-file').map((s) => s.note)];
  return { pid1, configSources: sources, ...(env ? { envConfig: env } : {}), notes };
}
