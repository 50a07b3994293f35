import { Command, InvalidArgumentError, Option } from 'commander';
import { isAppError } from '../shared/errors';
import { guideCommand, reloadCommand, type GuideOptions, type ReloadOptions } from './commands/guide';
import { auditCommand, FAIL_ON_LEVELS, FINDINGS_EXIT_CODE, type AuditOptions } from './commands/audit';
import { hostsCommand } from './commands/hosts';
import { registerHostSubcommands } from './commands/hosts-manage';
import { inspectCommand, type InspectOptions } from './commands/inspect';
import type { LifecycleAction } from '../shared/contract';
import { lifecycleCommand, type LifecycleOptions } from './commands/lifecycle';
import { logsCommand, type LogsOptions } from './commands/logs';
import { mapCommand, type MapOptions } from './commands/map';
import { parseLogTimeArg, parseTail } from './commands/logs-args';
import { psCommand } from './commands/ps';
import { podsCommand, type PodsOptions } from './commands/pods';
import { portForwardCommand, type PortForwardOptions } from './commands/port-forward';
import { removeCommand, type RemoveOptions } from './commands/remove';
import { registerResourceCommands } from './commands/resources-register';
import { shellCommand, type ShellOptions } from './commands/shell';
import { webCommand } from './commands/web';
import { CliFailure, printError } from './output';
import pkg from '../../package.json' with { type: 'json' };

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one).');
  }
  return port;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) {
    throw new InvalidArgumentError('a grace period is a whole number of seconds from 0 to 3600.');
  }
  return seconds;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const program = new Command()
  .name('bosun')
  .description('Bosun: containers on every engine you run, from the command line. Add --json for scripts.')
  .version(pkg.version)
  .showHelpAfterError();

const hosts = program
  .command('hosts')
  .description('List the Docker engines Bosun knows (discovered and added) with their status.')
  .option('--json', 'print JSON')
  .action((options: { json?: boolean }) => hostsCommand(options));
registerHostSubcommands(hosts);

program
  .command('ps')
  .description('List containers of every connected engine (running only, unless --all).')
  .option('-a, --all', 'include stopped containers, like docker ps -a')
  .option('--host <id>', 'only this engine (repeatable; see `bosun hosts`)', collect)
  .option('--json', 'print JSON')
  .action((options: { all?: boolean; host?: string[]; json?: boolean }) => psCommand(options));

program
  .command('pods')
  .description(
    "List Kubernetes pods of every kubeconfig context, like kubectl get pods (the context's namespace unless -n or -A).",
  )
  .option('--context <name>', 'only this kubeconfig context')
  .option('-n, --namespace <namespace>', 'only this namespace')
  .option('-A, --all-namespaces', 'pods of every namespace')
  .option('--json', 'print JSON')
  .action((options: PodsOptions) => podsCommand(options));

program
  .command('port-forward <target> <ports>')
  .description(
    'Forward a local port to a pod or service port (pod/NAME or svc/NAME, [LOCAL:]REMOTE), on 127.0.0.1 only, like kubectl port-forward; Ctrl-C stops.',
  )
  .option('-n, --namespace <namespace>', "the namespace (the context's, else default)")
  .option('--context <name>', 'the kubeconfig context (the current one unless given)')
  .action((target: string, ports: string, options: PortForwardOptions) =>
    portForwardCommand(target, ports, options),
  );

const ACTIONS: { action: LifecycleAction; what: string }[] = [
  { action: 'start', what: 'Start containers (name or id), on any connected engine.' },
  { action: 'stop', what: 'Stop containers: SIGTERM, then SIGKILL after the grace period (-t).' },
  { action: 'restart', what: 'Restart containers (stop, then start).' },
  { action: 'kill', what: 'Send a signal to containers (KILL unless -s).' },
  { action: 'pause', what: 'Pause (freeze) containers.' },
  { action: 'unpause', what: 'Unpause containers.' },
];
for (const { action, what } of ACTIONS) {
  const command = program.command(`${action} <containers...>`).description(what);
  if (action === 'kill')
    command.option('-s, --signal <signal>', 'the signal: a name (HUP, SIGUSR1) or a number');
  if (action === 'stop' || action === 'restart')
    command.option('-t, --time <seconds>', 'seconds to wait before killing', parseSeconds);
  command
    .option('--host <id>', 'only containers of this engine (see `bosun hosts`)')
    .option('--json', 'print JSON: one result per container')
    .action((containers: string[], options: LifecycleOptions) =>
      lifecycleCommand(action, containers, options),
    );
}

program
  .command('rm <containers...>')
  .description(
    'Remove containers (name or id). Their writable layer is lost; with -v their anonymous volumes too.',
  )
  .option('-f, --force', 'kill running containers (SIGKILL) and remove them')
  .option('-v, --volumes', 'also remove their anonymous volumes (named volumes are kept)')
  .option('--host <id>', 'only containers of this engine (see `bosun hosts`)')
  .option('--json', 'print JSON: one result per container')
  .action((containers: string[], options: RemoveOptions) => removeCommand(containers, options));

program
  .command('inspect <container>')
  .description(
    "A container's configuration and state (command, PID 1, env, restart policy, healthcheck, mounts, networks, ports).",
  )
  .option('--host <id>', 'the engine the container is on (see `bosun hosts`)')
  .option('--json', "print the engine's document, like docker inspect (secrets masked unless --reveal)")
  .option('--reveal', 'show secret values (passwords, tokens, URL passwords) instead of masking them')
  .action((container: string, options: InspectOptions) => inspectCommand(container, options));

program
  .command('shell <container>')
  .description(
    'A terminal in a container (name or id) or a pod (pod/NAME) with the fixes of the app: UTF-8, TERM, TZ, HOME, prompt, keys.',
  )
  .option('-c, --container <name>', "pod/NAME: the pod's container (default: its only one)")
  .option('-n, --namespace <ns>', "pod/NAME: the namespace (default: the context's)")
  .option('--context <name>', 'pod/NAME: the kubeconfig context (default: the current one)')
  .option('-u, --user <user>', 'run as this user (name, uid or uid:gid)')
  .option('-w, --workdir <dir>', 'start in this directory')
  .option('--no-fixes', 'a plain exec: no locale, TERM, TZ, HOME, prompt or keyboard fixes')
  .option('--toolbox', 'open the toolbox beside the container (its network and processes, busybox tools)')
  .option('--attach', "attach to PID 1's terminal instead of starting a shell (read-only)")
  .option('--writable', 'with --attach: send keystrokes to PID 1')
  .option('--host <id>', 'the engine the container is on (see `bosun hosts`)')
  .action((container: string, options: ShellOptions) => shellCommand(container, options));

program
  .command('logs <container>')
  .description(
    "A container's log, like docker logs: stdout lines on stdout, stderr lines on stderr (Ctrl-C ends -f).",
  )
  .option('-f, --follow', 'keep printing new lines until the container stops')
  .option('-n, --tail <lines>', 'only the last N lines (default: all)', parseTail)
  .option(
    '--since <time>',
    'lines from this time: 2024-11-24T21:16:45Z, unix seconds, or 10m / 1h30m ago',
    (v: string) => parseLogTimeArg(v),
  )
  .option('--until <time>', 'lines up to this time (same forms as --since)', (v: string) =>
    parseLogTimeArg(v),
  )
  .option('-t, --timestamps', "prefix each line with the engine's timestamp (RFC3339, nanoseconds, UTC)")
  .option('--host <id>', 'the engine the container is on (see `bosun hosts`)')
  .option('--json', 'print one JSON object per line (NDJSON): stream, time (unix seconds), text')
  .action((container: string, options: LogsOptions) => logsCommand(container, options));

registerResourceCommands(program, collect);

program
  .command('audit')
  .description(
    'Risk findings (rules R01-R35: privileged, engine socket, host paths, exposed ports, root, limits, secrets…) for every container.',
  )
  .option('--host <id>', 'only this engine (repeatable; see `bosun hosts`)', collect)
  .option('--json', 'print JSON: findings with evidence, why and fix; counts by severity; failed engines')
  .addOption(
    new Option(
      '--fail-on <level>',
      `exit ${FINDINGS_EXIT_CODE} when a finding is at or above this severity (for CI); 1 when an engine could not be audited`,
    ).choices(FAIL_ON_LEVELS),
  )
  .action((options: AuditOptions) => auditCommand(options));

program
  .command('map <kind>')
  .description(
    'The storage map (mounts, volumes, host paths, flags) or the network map (networks, ports, who reaches whom, flags): `map storage` or `map network`.',
  )
  .option('--host <id>', 'only this engine (see `bosun hosts`); default: every connected one')
  .option('--json', 'print JSON: an array with one map per engine')
  .action((kind: string, options: MapOptions) => mapCommand(kind, options));

program
  .command('guide <container>')
  .description(
    'Reload or restart? Who PID 1 is, where the config comes from, the program found, and what a restart would cost.',
  )
  .option('--host <id>', 'the engine the container is on (see `bosun hosts`)')
  .option('--json', 'print the analysis as JSON (see the README)')
  .action((container: string, options: GuideOptions) => guideCommand(container, options));

program
  .command('reload <container>')
  .description(
    "Reload a container's program safely: its config test, the right signal to the right process, then verify. Exits 1 when refused or failed.",
  )
  .option('--dry-run', 'validate and show the plan; send nothing')
  .option('--host <id>', 'the engine the container is on (see `bosun hosts`)')
  .option('--json', 'print the result as JSON')
  .action((container: string, options: ReloadOptions) => reloadCommand(container, options));

program
  .command('web')
  .description('Serve the Bosun UI on 127.0.0.1 for a browser, with a per-launch access token.')
  .option('-p, --port <port>', 'port to listen on (default: a free one)', parsePort)
  .action((options: { port?: number }) => webCommand(options));

// Exit once stdout has drained: a large --json answer piped to another program must arrive whole.
const exit = (code: number): void => {
  process.stdout.write('', () => process.exit(code));
};

program.parseAsync(process.argv).then(
  () => exit(typeof process.exitCode === 'number' ? process.exitCode : 0),
  (error: unknown) => {
    if (error instanceof CliFailure) {
      printError(error.message);
      return exit(error.exitCode);
    }
    if (isAppError(error)) {
      printError(error.message);
      return exit(error.code === 'INVALID_ARGUMENT' ? 2 : 1);
    }
    console.error('bosun: unexpected error:', error);
    exit(1);
  },
);
