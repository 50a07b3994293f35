import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import type { Payload, PortForwardInfo } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { startIntCore, type IntCore } from '../testing/int-core';

const env = testEnv();
const ID = 'kube-bosun-sim';
const NS = 'default';
let sim: KubeSim;
let it_: IntCore;

async function until<T>(
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** One HTTP exchange over a socket: the answer up to the end of nginx's page. */
function get(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('</html>')) resolve(text);
    });
    socket.once('close', () => reject(new Error(`closed after: ${JSON.stringify(text)}`)));
    socket.write('GET / HTTP/1.1\r\nHost: web\r\n\r\n');
  });
}

const mine = async (forwardId: string): Promise<PortForwardInfo | undefined> =>
  (await it_.client.call('kube.portForward.list', {})).find((f) => f.forwardId === forwardId);

async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  it_ = await startIntCore({ KUBECONFIG: sim.kubeconfigPath });
  await until(
    () => it_.client.call('kube.clusters.list', {}),
    (list) => list.some((c) => c.id === ID && c.status.state === 'connected'),
    'the cluster to connect',
  );
  await sim.createPod(NS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'pf-web' } },
    spec: {
      containers: [
        { name: 'main', image: env.images.debianNginx, ports: [{ name: 'http', containerPort: 80 }] },
      ],
    },
  });
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  await config.makeApiClient(CoreV1Api).createNamespacedService({
    namespace: NS,
    body: {
      metadata: { name: 'web-svc' },
      spec: { selector: { app: 'pf-web' }, ports: [{ port: 8080, targetPort: 'http' }] },
    },
  });
  await until(
    async () => (await it_.client.call('kube.pods.list', { clusterIds: [ID] })).rows,
    (rows) => rows.some((r) => r.name === 'web' && r.status === 'Running' && r.ready === '1/1'),
    'the pod to run',
  );
}, 90_000);

afterAll(async () => {
  await it_?.close();
  await sim?.stop();
}, 60_000);

describe('port-forward through the contract, against the simulator', () => {
  it('carries HTTP to nginx in a pod, counts connections up and down, and stops', async () => {
    const forwardId = randomUUID();
    const events: Payload<'kube.portForward.changed'>[] = [];
    it_.client.subscribe('kube.portForward.changed', { forwardId }, (p) => events.push(p));
    const started = await it_.client.call('kube.portForward.start', {
      clusterId: ID,
      namespace: NS,
      target: { kind: 'pod', name: 'web' },
      remotePort: 80,
      forwardId,
    });
    expect(started).toMatchObject({ forwardId, pod: 'web', podPort: 80, address: '127.0.0.1' });
    expect(started.localPort).toBeGreaterThanOrEqual(1024);

    // nginx may still be starting in the container: retry the first exchange.
    const answer = await until(
      async () => {
        const socket = await open(started.localPort);
        try {
          return await get(socket);
        } catch {
          return '';
        } finally {
          socket.destroy();
        }
      },
      (text) => text.startsWith('HTTP/1.1 200 OK'),
      'nginx to answer through the forward',
    );
    expect(answer).toContain('Welcome to nginx!');

    const held = await open(started.localPort);
    expect(await get(held)).toContain('Welcome to nginx!');
    const busy = await until(
      () => mine(forwardId),
      (f) => f?.connections === 1,
      'one live connection',
    );
    expect(busy!.bytesIn).toBeGreaterThan(0);
    expect(busy!.bytesOut).toBeGreaterThan(busy!.bytesIn);
    await until(
      () => events,
      (e) => e.some((p) => p.forward.connections === 1),
      'an event with the count',
    );
    held.destroy();
    await until(
      () => mine(forwardId),
      (f) => f?.connections === 0,
      'no live connection',
    );

    await it_.client.call('kube.portForward.stop', { forwardId });
    expect(await mine(forwardId)).toBeUndefined();
    await expect(open(started.localPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await until(
      () => events,
      (e) => e.some((p) => p.stopped),
      'the stopped event',
    );
  }, 60_000);

  it('reports a port nothing listens on in the pod, and keeps listening', async () => {
    const started = await it_.client.call('kube.portForward.start', {
      clusterId: ID,
      namespace: NS,
      target: { kind: 'pod', name: 'web' },
      remotePort: 81,
    });
    const socket = await open(started.localPort);
    await new Promise((resolve) => socket.once('close', resolve));
    const failed = await until(
      () => mine(started.forwardId),
      (f) => f?.lastError !== undefined,
      'the error',
    );
    expect(failed!.lastError!.message).toMatch(/connection refused/);
    // The listener stays: another connection is accepted (and fails the same way).
    const again = await open(started.localPort);
    again.destroy();
    await it_.client.call('kube.portForward.stop', { forwardId: started.forwardId });
  }, 30_000);

  it('forwards a service to a ready pod it selects, through its named targetPort', async () => {
    const started = await it_.client.call('kube.portForward.start', {
      clusterId: ID,
      namespace: NS,
      target: { kind: 'service', name: 'web-svc' },
      remotePort: 8080,
    });
    expect(started).toMatchObject({ pod: 'web', remotePort: 8080, podPort: 80 });
    const socket = await open(started.localPort);
    expect(await get(socket)).toContain('Welcome to nginx!');
    socket.destroy();
    const wrong = await failure(
      it_.client.call('kube.portForward.start', {
        clusterId: ID,
        namespace: NS,
        target: { kind: 'service', name: 'web-svc' },
        remotePort: 9999,
      }),
    );
    expect(wrong.code).toBe('INVALID_ARGUMENT');
    expect(wrong.message).toContain('8080');
    await it_.client.call('kube.portForward.stop', { forwardId: started.forwardId });
  }, 30_000);

  it('refuses a local port in use and one below 1024', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const input = {
      clusterId: ID,
      namespace: NS,
      target: { kind: 'pod' as const, name: 'web' },
      remotePort: 80,
    };
    const inUse = await failure(it_.client.call('kube.portForward.start', { ...input, localPort: port }));
    expect(inUse).toMatchObject({ code: 'CONFLICT' });
    expect(inUse.message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    taken.close();
    const low = await failure(it_.client.call('kube.portForward.start', { ...input, localPort: 80 }));
    expect(low.code).toBe('INVALID_ARGUMENT');
    expect(await it_.client.call('kube.portForward.list', {})).toEqual([]);
  });

  it("stops a client's forwards when it goes away, and keeps them from other clients", async () => {
    const other = it_.connect('other-window');
    const started = await other.call('kube.portForward.start', {
      clusterId: ID,
      namespace: NS,
      target: { kind: 'pod', name: 'web' },
      remotePort: 80,
    });
    expect(await mine(started.forwardId)).toBeUndefined();
    const refused = await failure(it_.client.call('kube.portForward.stop', { forwardId: started.forwardId }));
    expect(refused.code).toBe('NOT_FOUND');
    other.close();
    await until(
      () =>
        open(started.localPort).then(
          (s) => (s.destroy(), 'open'),
          (e: NodeJS.ErrnoException) => e.code,
        ),
      (v) => v === 'ECONNREFUSED',
      'the listener to close',
    );
  }, 30_000);

  it('refuses when RBAC denies create pods/portforward', async () => {
    sim.setDeny([{ verb: 'create', resource: 'pods', subresource: 'portforward' }]);
    try {
      // Another namespace: the answer for default may be cached as allowed.
      const denied = await failure(
        it_.client.call('kube.portForward.start', {
          clusterId: ID,
          namespace: 'kube-system',
          target: { kind: 'pod', name: 'web' },
          remotePort: 80,
        }),
      );
      expect(denied.code).toBe('PERMISSION_DENIED');
      expect(denied.message).toContain('pods/portforward');
    } finally {
      sim.setDeny([]);
    }
  });
});
