import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_LABELS, testEnv } from '../../test-env';
import { dockerFor } from './docker-client';
import {
  Collector,
  removeContainers,
  runBridgeContainer,
  startStreamHarness,
  type StreamHarness,
} from './test-harness';

const env = testEnv();
const deps = { dockerSocketPath: env.dockerSocketPath };
let harness: StreamHarness;
let containerId = '';

beforeAll(async () => {
  harness = await startStreamHarness(deps);
  const web = await runBridgeContainer(deps, env.images.debianNginx);
  containerId = web.id;
  harness.targets.push({ namespace: 'default', pod: 'web', container: 'main', containerId, podIP: web.ip });
});

afterAll(async () => {
  await harness?.close();
  await removeContainers(deps, containerId ? [containerId] : []);
});

interface ExecRun {
  readonly stdout: Collector;
  readonly stderr: Collector;
  readonly status: Promise<k8s.V1Status>;
  readonly ws: WebSocket;
}

async function exec(
  command: string[],
  options: { stdin?: PassThrough; tty?: boolean; stdout?: Collector; exec?: k8s.Exec } = {},
): Promise<ExecRun> {
  const stdout = options.stdout ?? new Collector();
  const stderr = new Collector();
  let settle: (status: k8s.V1Status) => void = () => undefined;
  const status = new Promise<k8s.V1Status>((resolve) => (settle = resolve));
  const client = options.exec ?? new k8s.Exec(harness.kubeConfig);
  const ws = (await client.exec(
    'default',
    'web',
    'main',
    command,
    stdout,
    options.tty ? null : stderr,
    options.stdin ?? null,
    options.tty ?? false,
    settle,
  )) as unknown as WebSocket;
  return { stdout, stderr, status: withTimeout(status, 15_000, 'the Status on channel 3'), ws };
}

/** A bare ws client: every frame until the server closes. */
async function rawExec(
  query: string,
  protocols: string[],
  path = '/api/v1/namespaces/default/pods/web/exec',
): Promise<{ protocol: string; byChannel(channel: number): string }> {
  const ws = new WebSocket(`${harness.server.replace('http', 'ws')}${path}?${query}`, protocols);
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer) => frames.push(data));
  await withTimeout(new Promise((resolve) => ws.once('close', resolve)), 15_000, 'close');
  return {
    protocol: ws.protocol,
    byChannel: (channel) =>
      Buffer.concat(frames.filter((f) => f[0] === channel).map((f) => f.subarray(1))).toString('utf8'),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)),
  ]);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('exec over WebSocket', () => {
  it('echoes stdin to stdout byte for byte on v5, CJK split across frames, then half-closes stdin', async () => {
    const stdin = new PassThrough();
    const run = await exec(['cat'], { stdin });
    expect(run.ws.protocol).toBe('v5.channel.k8s.io');
    const text = Buffer.from('こんにちは世界 — 日本語と한국어\n', 'utf8');
    // Split inside the first character (3 bytes) and inside a later one.
    for (const part of [text.subarray(0, 2), text.subarray(2, 17), text.subarray(17)]) {
      stdin.write(part);
      await sleep(60);
    }
    stdin.end(); // v5: a close frame for channel 0; cat reads EOF and exits 0
    expect(await run.status).toMatchObject({ status: 'Success' });
    expect(run.stdout.bytes.equals(text)).toBe(true);
    expect(run.stderr.bytes.length).toBe(0);
  });

  it('keeps stderr apart without a TTY and reports exit code 3 as NonZeroExitCode', async () => {
    const run = await exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    const status = await run.status;
    expect(status).toEqual({
      metadata: {},
      status: 'Failure',
      message:
        'command terminated with non-zero exit code: error executing command [sh -c echo out; echo err >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    expect(run.stdout.text).toBe('out\n');
    expect(run.stderr.text).toBe('err\n');
  });

  it('answers a command that does not exist with the runtime error and its exit code', async () => {
    const run = await exec(['nosuch-command']);
    const status = await run.status;
    expect(status.status).toBe('Failure');
    expect(status.reason).toBe('NonZeroExitCode');
    expect(status.message).toContain('exec: "nosuch-command": executable file not found in $PATH');
    expect(status.details?.causes).toEqual([{ reason: 'ExitCode', message: '126' }]);
    // The runtime's message is the Status, not program output.
    expect(run.stdout.text).toBe('');
  });

  it('resizes the TTY from the resize channel (stty size follows)', async () => {
    const stdin = new PassThrough();
    const stdout = Object.assign(new Collector(), { rows: 30, columns: 100 });
    const run = await exec(['sh', '-c', 'read a; stty size; read b; stty size'], {
      stdin,
      tty: true,
      stdout,
    });
    await sleep(300);
    stdin.write('\n');
    await stdout.until((t) => /30 100/.test(t));
    stdout.rows = 41;
    stdout.columns = 123;
    stdout.emit('resize');
    await sleep(300);
    stdin.write('\n');
    await stdout.until((t) => /41 123/.test(t));
    expect(await run.status).toMatchObject({ status: 'Success' });
  });

  it('speaks v4 to a client that offers only v4', async () => {
    const offeredV4 = new WebSocketHandler(
      harness.kubeConfig,
      (uri, _protocols, opts) => new WebSocket(uri, ['v4.channel.k8s.io'], opts),
    );
    const run = await exec(['sh', '-c', 'printf hi; exit 2'], {
      exec: new k8s.Exec(harness.kubeConfig, offeredV4),
    });
    expect(run.ws.protocol).toBe('v4.channel.k8s.io');
    expect(await run.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    });
    expect(run.stdout.text).toBe('hi');
  });

  it('delivers large output whole and in order, the Status after the last byte', async () => {
    const run = await exec(['seq', '1', '200000']);
    expect(await run.status).toMatchObject({ status: 'Success' });
    const lines = run.stdout.text.split('\n');
    expect(lines).toHaveLength(200001);
    expect(lines[0]).toBe('1');
    expect(lines[199999]).toBe('200000');
  });

  it('writes only the failure text on the error channel of pre-v4 protocols', async () => {
    const frames = await rawExec('command=sh&command=-c&command=echo%20a%3B%20exit%204&stdout=true', [
      'channel.k8s.io',
    ]);
    expect(frames.protocol).toBe('channel.k8s.io');
    expect(frames.byChannel(1)).toBe('a\n');
    expect(frames.byChannel(3)).toBe(
      'command terminated with non-zero exit code: error executing command [sh -c echo a; exit 4], exit code 4',
    );
  });

  it('answers an exec into a stopped container with an InternalError Status', async () => {
    const docker = dockerFor(deps.dockerSocketPath);
    const stopped = await docker.createContainer({ Image: env.images.busybox, Labels: { ...TEST_LABELS } });
    try {
      harness.targets.push({
        namespace: 'default',
        pod: 'stopped',
        container: 'main',
        containerId: stopped.id,
        podIP: '',
      });
      const path = `/api/v1/namespaces/default/pods/stopped/exec`;
      const frames = await rawExec('command=true&stdout=true', ['v5.channel.k8s.io'], path);
      expect(JSON.parse(frames.byChannel(3))).toMatchObject({
        status: 'Failure',
        reason: 'InternalError',
        code: 500,
        message: expect.stringMatching(
          /^Internal error occurred: error executing command in container: .*is not running/,
        ) as unknown,
      });
    } finally {
      await stopped.remove({ force: true });
    }
  });

  it('refuses a client offering no known subprotocol with 400 and a Status', async () => {
    const url = `${harness.server.replace('http', 'ws')}/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true`;
    const answer = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const ws = new WebSocket(url, ['v9.channel.k8s.io']);
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
    });
    expect(answer.code).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      code: 400,
      reason: 'BadRequest',
      message: expect.stringContaining('v9.channel.k8s.io') as unknown,
    });
  });
});
