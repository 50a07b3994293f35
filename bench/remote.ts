import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestEnv } from '../e2e/env/test-env';
import { createServices } from '../electron/bootstrap';
import { createNodePlatform } from '../electron/server/platform-node';
import { startWebServer } from '../electron/server/server';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Platform } from '../electron/services/platform';
import type { ContainerEngine } from '../electron/services/containers/container-engine';
import { DockerodeEngine } from '../electron/services/containers/dockerode-engine';
import type { ConnectionSpec } from '../electron/services/connections/spec';
import { KnownHostsStore } from '../electron/services/ssh/known-hosts-store';
import { createSshEngine } from '../electron/services/ssh/ssh-engine';
import { SshPool } from '../electron/services/ssh/ssh-pool';
import { parseEndpoint } from '../electron/shared/endpoint';
import type { Contract } from '../electron/shared/contract';
import { createClient, type Client } from '../electron/shared/rpc/client';
import { summarize, type Summary } from './stats';

const WARMUP = 5;
const ROUNDS = 40;
const COLD_ROUNDS = 5;
/** Issue 5: the remote list over the tunnel costs at most this much more than the local one. */
export const REMOTE_TARGET = 1.5;

export interface RemoteList {
  readonly rows: number;
  /**
   * The headline: the engine's full list (GET /containers/json?all=1 through Bosun's engine adapter)
   * on a connection already up, over the SSH tunnel against the local socket, interleaved.
   */
  readonly warm: { readonly local: Summary; readonly ssh: Summary };
  /** containers.list over the WebSocket, interleaved: answered from the core's live cache either way. */
  readonly cached: { readonly local: Summary; readonly ssh: Summary };
  /** The first list of a new core (for SSH: handshake, login, tunnel), read by a new client. */
  readonly cold: { readonly local: Summary; readonly ssh: Summary };
}

interface Core {
  readonly client: Client<Contract>;
  close(): Promise<void>;
}

async function startCore(platform: Platform, staticDir: string): Promise<Core> {
  const core = await createServices(platform);
  const server = await startWebServer({ core, staticDir });
  const client = createClient<Contract>(await connectToWebServer(server.url));
  return {
    client,
    async close() {
      client.close();
      await server.close();
      await core.dispose();
    },
  };
}

async function waitForRows(
  client: Client<Contract>,
  connectionId: string,
  expected: number,
  deadlineMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const { rows, failures } = await client.call('containers.list', {
      all: true,
      connectionIds: [connectionId],
    });
    if (rows.length >= expected) return rows.length;
    if (Date.now() > deadline)
      throw new Error(
        `${connectionId} lists ${rows.length} of ${expected} containers: ${JSON.stringify(failures)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function coldOnce(
  platform: Platform,
  id: string,
  expected: number,
  staticDir: string,
): Promise<number> {
  const started = performance.now();
  const core = await startCore(platform, staticDir);
  try {
    await waitForRows(core.client, id, expected);
    return performance.now() - started;
  } finally {
    await core.close();
  }
}

/** Both engines up, then their full lists timed in turns (the engine's own time is in both). */
async function measureWarm(env: TestEnv, home: string): Promise<RemoteList['warm']> {
  const { ssh } = env;
  const base = { name: 'bench', source: 'user' as const, current: false };
  const endpoint = `ssh://${ssh.user}@${ssh.host}:${ssh.port}`;
  const sshSpec: ConnectionSpec = {
    ...base,
    id: 'bench-ssh',
    endpoint,
    target: parseEndpoint(endpoint),
    ssh: { identityFile: ssh.keyPath, remoteSocket: ssh.remoteDockerSocketPath },
  };
  const localSpec: ConnectionSpec = {
    ...base,
    id: 'bench-local',
    endpoint: env.dockerHost,
    target: parseEndpoint(env.dockerHost),
  };
  const pool = new SshPool();
  const knownHosts = new KnownHostsStore({ openssh: [ssh.knownHostsPath], bosun: join(home, 'known_hosts') });
  const engines: ContainerEngine[] = [];
  try {
    const local = await DockerodeEngine.create(localSpec);
    engines.push(local);
    const remote = await createSshEngine(sshSpec, { knownHosts, homeDir: home, env: {}, pool });
    engines.push(remote);
    const time = async (engine: ContainerEngine): Promise<number> => {
      const started = performance.now();
      await engine.listContainers({});
      return performance.now() - started;
    };
    const localMs: number[] = [];
    const sshMs: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const l = await time(local);
      const r = await time(remote);
      if (round < WARMUP) continue;
      localMs.push(l);
      sshMs.push(r);
    }
    return { local: summarize(localMs), ssh: summarize(sshMs) };
  } finally {
    for (const engine of engines) engine.close();
    pool.close();
  }
}

/**
 * The same engine listed directly (DOCKER_HOST) and through Bosun's SSH tunnel (the test sshd
 * forwarding to the engine's socket). Each cold core sees only its own engine: the local one has no
 * saved connection, the SSH one no DOCKER_HOST, so neither pays for the other's connect.
 */
export async function measureRemoteList(env: TestEnv, expected: number): Promise<RemoteList> {
  const home = mkdtempSync(join(tmpdir(), 'bosun-bench-remote-'));
  const staticDir = join(home, 'no-renderer');
  const base = { PATH: process.env.PATH, HOME: home };
  const localOnly = createNodePlatform({
    face: 'web',
    dataDir: join(home, 'local'),
    env: { ...base, DOCKER_HOST: env.dockerHost },
  });
  const both = createNodePlatform({
    face: 'web',
    dataDir: join(home, 'ssh'),
    env: { ...base, DOCKER_HOST: env.dockerHost },
  });
  const sshOnly = createNodePlatform({ face: 'web', dataDir: join(home, 'ssh'), env: base });
  try {
    const warm = await measureWarm(env, home);
    const core = await startCore(both, staticDir);
    let sshId: string;
    let rows: number;
    const cachedLocal: number[] = [];
    const cachedSsh: number[] = [];
    try {
      const { ssh } = env;
      const added = await core.client.call('connections.add', {
        name: 'Bench over SSH',
        endpoint: `ssh://${ssh.user}@${ssh.host}:${ssh.port}`,
        identityFile: ssh.keyPath,
        remoteSocket: ssh.remoteDockerSocketPath,
        acceptHostKey: ssh.hostFingerprint,
      });
      sshId = added.id;
      rows = await waitForRows(core.client, 'docker-host', expected);
      await waitForRows(core.client, sshId, expected);
      const time = async (id: string): Promise<number> => {
        const started = performance.now();
        await core.client.call('containers.list', { all: true, connectionIds: [id] });
        return performance.now() - started;
      };
      for (let round = 0; round < WARMUP + ROUNDS; round++) {
        const localMs = await time('docker-host');
        const sshMs = await time(sshId);
        if (round >= WARMUP) {
          cachedLocal.push(localMs);
          cachedSsh.push(sshMs);
        }
      }
    } finally {
      await core.close();
    }
    const coldLocal: number[] = [];
    const coldSsh: number[] = [];
    for (let round = 0; round < COLD_ROUNDS; round++) {
      coldLocal.push(await coldOnce(localOnly, 'docker-host', expected, staticDir));
      coldSsh.push(await coldOnce(sshOnly, sshId, expected, staticDir));
    }
    return {
      rows,
      warm,
      cached: { local: summarize(cachedLocal), ssh: summarize(cachedSsh) },
      cold: { local: summarize(coldLocal), ssh: summarize(coldSsh) },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The printed lines: medians and the SSH / local ratios; the warm list is the one held to the target. */
export function describeRemoteList(result: RemoteList, ms: (value: number) => string): string[] {
  const line = (label: string, pair: RemoteList['warm'], target = ''): string =>
    `  ${label.padEnd(58)} local ${ms(pair.local.median)}, over SSH ${ms(pair.ssh.median)} (p95 ${ms(pair.ssh.p95)})  ${(pair.ssh.median / pair.local.median).toFixed(2)}×${target}`;
  return [
    `the same engine through the SSH tunnel against DOCKER_HOST (${result.rows} containers):`,
    line(
      `warm: full engine list, connection up, median of ${result.warm.local.n}`,
      result.warm,
      `  (target ≤ ${REMOTE_TARGET}×)`,
    ),
    line(`cold: first list of a new core (SSH handshake), median of ${result.cold.local.n}`, result.cold),
    line(`containers.list from the live cache, median of ${result.cached.local.n}`, result.cached),
  ];
}
