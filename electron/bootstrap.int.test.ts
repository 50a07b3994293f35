import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RawEngine } from '../e2e/env/raw-engine';
import { testEnv } from '../e2e/env/test-env';
import { createServices, type Core } from './bootstrap';
import { connectInProcess } from './rpc/in-process';
import { createTestContainer, removeTestContainers } from './services/testing/int-core';
import { handlesGained, openHandles } from './services/testing/open-handles';
import { createTestPlatform, type TestPlatform } from './services/testing/test-platform';
import type { Contract } from './shared/contract';
import { createClient, type Client } from './shared/rpc/client';

/** A socket that accepts connections and never answers: an engine that hangs. */
async function hungEngine(path: string): Promise<{ close(): Promise<void> }> {
  const held = new Set<Socket>();
  const server: Server = createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    close: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let test: TestPlatform | undefined;
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
  await test?.cleanup();
  test = undefined;
});

interface Started {
  readonly core: Core;
  readonly client: Client<Contract>;
  readonly startedInMs: number;
  stop(): Promise<void>;
}

/** A core whose DOCKER_HOST hangs, with the real test engine as a user-added connection. */
async function start(): Promise<Started> {
  const env = testEnv();
  test = await createTestPlatform((root) => ({ DOCKER_HOST: `unix://${join(root, 'hung.sock')}` }));
  const hung = await hungEngine(join(test.root, 'hung.sock'));
  await mkdir(test.platform.dataDir, { recursive: true });
  const stored = {
    version: 1,
    connections: [{ id: 'test-engine', name: 'Test engine', endpoint: env.dockerHost }],
  };
  await writeFile(join(test.platform.dataDir, 'connections.json'), JSON.stringify(stored));
  const started = performance.now();
  const core = await createServices(test.platform, {
    validateOutput: true,
    systemPaths: test.systemPaths,
    log: () => undefined,
  });
  const startedInMs = performance.now() - started;
  const client = createClient<Contract>(connectInProcess(core.host));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    client.close();
    await core.dispose();
    await hung.close();
  };
  cleanup.push(stop);
  return { core, client, startedInMs, stop };
}

describe('createServices', () => {
  it('does not wait for a hung engine, and lists the other engines beside it', async () => {
    const raw = new RawEngine(testEnv().dockerSocketPath);
    const id = await createTestContainer(raw, testEnv().images.busybox);
    cleanup.push(async () => {
      await removeTestContainers(raw, [id]);
      raw.close();
    });
    const { client, startedInMs } = await start();
    expect(startedInMs).toBeLessThan(1000);
    const connections = await client.call('connections.list', {});
    expect(connections.map((c) => [c.id, c.current])).toEqual([
      ['docker-host', true],
      ['test-engine', false],
    ]);
    expect(connections[0]?.status.state).toBe('connecting');

    const listed = await client.call('containers.list', {});
    expect(listed.rows.map((r) => r.id)).toContain(id);
    expect(listed.failures).toEqual([
      {
        connectionId: 'docker-host',
        code: 'UNAVAILABLE',
        message: expect.stringContaining('still connecting'),
      },
    ]);
  });

  it('gives up on a hung engine with TIMEOUT and a reason', async () => {
    const { client } = await start();
    const deadline = Date.now() + 20_000;
    let status;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await client.call('connections.list', {}))[0]?.status;
    } while (status?.state === 'connecting' && Date.now() < deadline);
    expect(status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining('did not answer the version call within 10 s'),
    });
  });

  it('closes every socket and timer on dispose', async () => {
    const before = openHandles();
    const { client, stop } = await start();
    await client.call('containers.list', { connectionIds: ['test-engine'] });
    await stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handlesGained(before)).toEqual([]);
  });
});
