import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testEnv } from '../../test-env';
import { dockerFor } from './docker-client';
import { startEphemeralContainer } from './index';
import {
  Collector,
  removeContainers,
  runBridgeContainer,
  startStreamHarness,
  type StreamHarness,
  waitForPort,
} from './test-harness';

const env = testEnv();
const deps = { dockerSocketPath: env.dockerSocketPath };
const simId = `streams-test-${process.pid}`;
let harness: StreamHarness;
const created: string[] = [];
let target = { id: '', ip: '' };

beforeAll(async () => {
  harness = await startStreamHarness(deps);
  target = await runBridgeContainer(deps, env.images.debianNginx);
  created.push(target.id);
  await waitForPort(target.ip, 80);
});

afterAll(async () => {
  await harness?.close();
  await removeContainers(deps, created);
});

async function debugContainer(name: string, tty: boolean): Promise<string> {
  const { containerId } = await startEphemeralContainer(deps, {
    simId,
    targetContainerId: target.id,
    name,
    image: env.images.busybox,
    command: ['sh'],
    stdin: true,
    tty,
  });
  created.push(containerId);
  harness.targets.push({ namespace: 'default', pod: 'web', container: name, containerId, podIP: target.ip });
  return containerId;
}

const closed = (ws: WebSocket): Promise<void> =>
  new Promise((resolve) =>
    ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
  );

describe('ephemeral containers', () => {
  it('share the target PID namespace, are labelled, and attach with a TTY', async () => {
    const id = await debugContainer('debugger', true);
    const info = await dockerFor(deps.dockerSocketPath).getContainer(id).inspect();
    expect(info.Config.Labels).toMatchObject({ 'io.bosun.test': '1', 'io.bosun.kube-sim': simId });
    expect(info.HostConfig.PidMode).toBe(`container:${target.id}`);
    expect(info.HostConfig.NetworkMode).toBe(`container:${target.id}`);

    const stdin = new PassThrough();
    const stdout = Object.assign(new Collector(), { rows: 40, columns: 160 });
    const attach = new k8s.Attach(harness.kubeConfig);
    const ws = (await attach.attach(
      'default',
      'web',
      'debugger',
      stdout,
      null,
      stdin,
      true,
    )) as unknown as WebSocket;
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    stdin.write('ps\n');
    // PID 1 of the shared namespace is the target's nginx, not the debugger's shell.
    const screen = await stdout.until((t) => /^\s*1\s+root\s+nginx: master process/m.test(t));
    expect(screen).toContain('sh');
    stdin.write('exit\n');
    await closed(ws);
  });

  it('shares the network namespace and attaches without a TTY (stdout and stderr apart, Success at exit)', async () => {
    await debugContainer('debugger-plain', false);
    const stdin = new PassThrough();
    const stdout = new Collector();
    const stderr = new Collector();
    const attach = new k8s.Attach(harness.kubeConfig);
    const ws = (await attach.attach(
      'default',
      'web',
      'debugger-plain',
      stdout,
      stderr,
      stdin,
      false,
    )) as unknown as WebSocket;
    const status: Buffer[] = [];
    ws.on('message', (data: Buffer) => {
      if (data[0] === 3) status.push(data.subarray(1));
    });
    stdin.write(
      'wget -qO- http://127.0.0.1:80/ | grep -o "Welcome to nginx!" | head -1; echo oops >&2; exit 0\n',
    );
    await closed(ws);
    expect(stdout.text).toBe('Welcome to nginx!\n');
    expect(stderr.text).toBe('oops\n');
    expect(JSON.parse(Buffer.concat(status).toString('utf8'))).toEqual({ metadata: {}, status: 'Success' });
  });
});
