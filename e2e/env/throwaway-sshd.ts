// A second sshd on a free loopback port, made and owned by one test: a jump host, a server that forbids
// stream-local forwarding, a server to kill and start again. It logs in with the test key (plus any keys
// given) as the test user, and keeps its host key across restarts, so a restart looks like the same host.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestEnv } from './test-env';

export interface ThrowawaySshdOptions {
  /** sshd_config lines added after the defaults (a later keyword does not override: sshd keeps the first). */
  readonly config?: readonly string[];
  /** Public keys accepted besides the test key. */
  readonly authorizedKeys?: readonly string[];
}

export interface ThrowawaySshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** A known_hosts file holding this server's host key (and nothing else). */
  readonly knownHostsPath: string;
  /** `SHA256:…` of the host key. */
  readonly hostFingerprint: string;
  /** A scratch directory that goes away with the server. */
  readonly dir: string;
  /** SIGKILL the listener and every session it serves (the host "crashes": no goodbye on any socket). */
  kill(): Promise<void>;
  /** Start it again on the same port with the same host key. */
  start(): Promise<void>;
  /** Its per-connection processes now: 0 once every client has gone (a leak check). */
  sessionProcesses(): number;
  /** Stop it for good and remove its files. */
  dispose(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Every process below `root` (sshd forks a session leader per connection, then its privsep child). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

export async function startThrowawaySshd(
  env: TestEnv,
  options: ThrowawaySshdOptions = {},
): Promise<ThrowawaySshd> {
  const dir = await mkdtemp(join(tmpdir(), 'bosun-sshd-'));
  const port = await freeLoopbackPort();
  const hostKey = join(dir, 'host_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const keys = [(await readFile(`${env.ssh.keyPath}.pub`, 'utf8')).trim(), ...(options.authorizedKeys ?? [])];
  await writeFile(join(dir, 'authorized_keys'), keys.join('\n') + '\n', { mode: 0o600 });
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      ...(options.config ?? []),
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PermitRootLogin prohibit-password`,
      `PasswordAuthentication no`,
      `KbdInteractiveAuthentication no`,
      `UsePAM no`,
      `StrictModes no`,
      `AllowTcpForwarding yes`,
      `AllowStreamLocalForwarding yes`,
      '',
    ].join('\n'),
  );
  const pub = (await readFile(`${hostKey}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
  const knownHostsPath = join(dir, 'known_hosts');
  await writeFile(knownHostsPath, `[127.0.0.1]:${port} ${pub}\n`);
  const hostFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;

  let child: ChildProcess | undefined;
  const log: string[] = [];

  const start = async (): Promise<void> => {
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = sshd;
    sshd.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await greets(port))) {
      if (Date.now() > deadline || sshd.exitCode !== null)
        throw new Error(`the throwaway sshd did not start on port ${port}: ${log.join('').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const kill = async (): Promise<void> => {
    const sshd = child;
    child = undefined;
    if (sshd?.pid === undefined || sshd.exitCode !== null) return;
    const exited = new Promise((resolve) => sshd.once('exit', resolve));
    for (const pid of [sshd.pid, ...descendants(sshd.pid)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await exited;
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    knownHostsPath,
    hostFingerprint,
    dir,
    kill,
    start,
    sessionProcesses: () => (child?.pid === undefined ? 0 : descendants(child.pid).length),
    async dispose() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
