import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testEnv } from '../../test-env';
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
let harness: StreamHarness;
let containerId = '';

beforeAll(async () => {
  harness = await startStreamHarness(deps);
  const web = await runBridgeContainer(deps, env.images.debianNginx);
  containerId = web.id;
  harness.targets.push({ namespace: 'default', pod: 'web', container: 'main', containerId, podIP: web.ip });
  await waitForPort(web.ip, 80);
});

afterAll(async () => {
  await harness?.close();
  await removeContainers(deps, containerId ? [containerId] : []);
});

const closed = (ws: WebSocket): Promise<void> =>
  new Promise((resolve) =>
    ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
  );

describe('port-forward over WebSocket', () => {
  it('carries an HTTP exchange to the pod port on v4 channels', async () => {
    const input = new PassThrough();
    const output = new Collector();
    const errors = new Collector();
    const forward = new k8s.PortForward(harness.kubeConfig);
    const ws = (await forward.portForward(
      'default',
      'web',
      [80],
      output,
      errors,
      input,
    )) as unknown as WebSocket;
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    input.write('GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n');
    const answer = await output.until((t) => t.includes('</html>'));
    expect(answer.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(answer).toContain('Welcome to nginx!');
    // nginx closes after the answer (Connection: close): the socket closes too.
    await closed(ws);
    expect(errors.text).toBe('');
  });

  it('opens each channel with the port number, little-endian, as the kubelet does', async () => {
    const url = `${harness.server.replace('http', 'ws')}/api/v1/namespaces/default/pods/web/portforward?ports=80`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io']);
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(data));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('HEAD / HTTP/1.0\r\n\r\n')]));
    await closed(ws);
    expect(frames[0]).toEqual(Buffer.from([0, 80, 0]));
    expect(frames[1]).toEqual(Buffer.from([1, 80, 0]));
    const data = Buffer.concat(frames.slice(2).map((f) => f.subarray(1))).toString('latin1');
    expect(data).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('writes a refused connection on the error channel', async () => {
    const input = new PassThrough();
    const output = new Collector();
    const errors = new Collector();
    const forward = new k8s.PortForward(harness.kubeConfig);
    const ws = (await forward.portForward(
      'default',
      'web',
      [81],
      output,
      errors,
      input,
    )) as unknown as WebSocket;
    await errors.until((t) => t.length > 0);
    await closed(ws);
    expect(errors.text).toMatch(
      /^error forwarding port 81 to pod default\/web: dial tcp [\d.]+:81: connect: connection refused$/,
    );
    expect(output.text).toBe('');
  });
});
