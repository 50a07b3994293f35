import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestEnv } from '../e2e/env/test-env';
import { createServices } from '../electron/bootstrap';
import { createNodePlatform } from '../electron/server/platform-node';
import { startWebServer } from '../electron/server/server';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Platform } from '../electron/services/platform';
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
  /** containers.list over the WebSocket, one connection at a time, interleaved (cached answers). */
  readonly steady: { readonly local: Summary; readonly ssh: Summary };
  /** A new core connects (for SSH: handshake, login, tunnel) and a new client reads every row. */
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
    const core = await startCore(both, staticDir);
    let sshId: string;
    let rows: number;
    const steadyLocal: number[] = [];
    const steadySsh: number[] = [];
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
          steadyLocal.push(localMs);
          steadySsh.push(sshMs);
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
      steady: { local: summarize(steadyLocal), ssh: summarize(steadySsh) },
      cold: { local: summarize(coldLocal), ssh: summarize(coldSsh) },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The printed lines: medians and the SSH / local ratios against the target. */
export function describeRemoteList(result: RemoteList, ms: (value: number) => string): string[] {
  const line = (label: string, pair: RemoteList['steady']): string =>
    `  ${label.padEnd(48)} local ${ms(pair.local.median)}, over SSH ${ms(pair.ssh.median)} (p95 ${ms(pair.ssh.p95)})  ${(pair.ssh.median / pair.local.median).toFixed(2)}×  (target ≤ ${REMOTE_TARGET}×)`;
  return [
    `the same engine through the SSH tunnel against DOCKER_HOST (${result.rows} containers):`,
    line(`steady containers.list, median of ${result.steady.local.n}`, result.steady),
    line(`cold: new core connects + lists, median of ${result.cold.local.n}`, result.cold),
  ];
}
