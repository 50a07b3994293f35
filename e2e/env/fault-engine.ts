// A second Docker engine that one test owns and may stop and start again (fault tests): stopping the
// shared test engine would fail every other test with it. Same dockerd binary, its own socket, data-root,
// exec-root and containerd namespace; no bridge (its containers need no network) and no iptables rules.
// It holds the busybox fixture image, copied from the test engine, so a terminal can open in it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestEnv } from './test-env';

const run = promisify(execFile);

export interface FaultEngine {
  /** `unix:///…/docker.sock` */
  readonly dockerHost: string;
  readonly socketPath: string;
  /** SIGTERM dockerd and wait for it to exit (its containers stop with it). */
  stop(): Promise<void>;
  /** Start dockerd again with the same state; resolves once it answers /_ping. */
  start(): Promise<void>;
  /** `docker …` against this engine; resolves with stdout. */
  docker(...args: string[]): Promise<string>;
  /** Stop it for good and remove its state. */
  dispose(): Promise<void>;
}

function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => (req.destroy(), resolve(false)));
    req.end();
  });
}

export async function startFaultEngine(env: TestEnv): Promise<FaultEngine> {
  // Short paths: a unix socket path must stay under 108 bytes, containerd's nested ones included.
  const state = await mkdtemp('/run/bosun-test/fault-');
  const dataRoot = await mkdtemp('/var/tmp/bosun-fault-data-');
  const socketPath = join(state, 'docker.sock');
  const dockerHost = `unix://${socketPath}`;
  await mkdir(join(state, 'exec'), { recursive: true });
  const namespace = `bosun-fault-${state.slice(-6).toLowerCase()}`;
  const flags = [
    '--host',
    dockerHost,
    '--data-root',
    dataRoot,
    '--exec-root',
    join(state, 'exec'),
    '--pidfile',
    join(state, 'dockerd.pid'),
    '--config-file',
    '/run/bosun-test/daemon.json',
    '--bridge',
    'none',
    '--iptables=false',
    '--ip-masq=false',
    '--containerd-namespace',
    namespace,
    '--containerd-plugins-namespace',
    `${namespace}-plugins`,
  ];
  let daemon: ChildProcess | undefined;
  const log: string[] = [];

  const start = async (): Promise<void> => {
    const child = spawn('dockerd', flags, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    daemon = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 200) log.shift();
    });
    const deadline = Date.now() + 60_000;
    while (!(await pings(socketPath))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the fault engine did not start: ${log.join('').slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stop = async (): Promise<void> => {
    const child = daemon;
    daemon = undefined;
    if (child?.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  };

  const docker = async (...args: string[]): Promise<string> =>
    (await run('docker', ['-H', dockerHost, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;

  try {
    await start();
    await run('sh', [
      '-c',
      `docker -H "$1" save "$2" | docker -H "$3" load -q`,
      'sh',
      env.dockerHost,
      env.images.busybox,
      dockerHost,
    ]);
  } catch (error) {
    await stop();
    await rm(state, { recursive: true, force: true });
    await rm(dataRoot, { recursive: true, force: true });
    throw error;
  }

  return {
    dockerHost,
    socketPath,
    stop,
    start,
    docker,
    async dispose() {
      if (daemon?.exitCode === null) {
        await docker('rm', '-f', ...(await docker('ps', '-aq')).split('\n').filter(Boolean)).catch(() => '');
      }
      await stop();
      await rm(state, { recursive: true, force: true });
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}
