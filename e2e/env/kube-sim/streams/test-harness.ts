// For the streams' own integration tests: a bare HTTP server that hands upgrades straight to the
// handlers (no auth, no store), a KubeConfig for client-node pointing at it, labelled test containers.
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { TEST_LABELS } from '../../test-env';
import { dockerFor } from './docker-client';
import { handleAttachUpgrade, handleExecUpgrade, handlePortForwardUpgrade } from './index';
import type { StreamDeps, StreamTarget } from './types';

const ROUTE = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)$/;
const HANDLERS = {
  exec: handleExecUpgrade,
  attach: handleAttachUpgrade,
  portforward: handlePortForwardUpgrade,
} as const;

export interface StreamHarness {
  readonly kubeConfig: k8s.KubeConfig;
  /** `http://127.0.0.1:PORT` */
  readonly server: string;
  /** Pod containers the router resolves; tests add ephemeral ones as they start them. */
  readonly targets: StreamTarget[];
  /** Upgrade requests seen, for asserting what the client offered. */
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startStreamHarness(deps: StreamDeps): Promise<StreamHarness> {
  const targets: StreamTarget[] = [];
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Duplex>();
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    requests.push(req);
    const url = new URL(req.url ?? '/', 'http://sim');
    const match = ROUTE.exec(url.pathname);
    const container = url.searchParams.get('container');
    const target = targets.find(
      (t) =>
        match !== null &&
        t.namespace === match[1] &&
        t.pod === match[2] &&
        (match[3] === 'portforward' || container === null || t.container === container),
    );
    if (match === null || target === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    HANDLERS[match[3] as keyof typeof HANDLERS](req, socket, head, target, url.searchParams, deps);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'harness', server: address, skipTLSVerify: true }],
    users: [{ name: 'harness', token: 'unused' }],
    contexts: [{ name: 'harness', cluster: 'harness', user: 'harness' }],
    currentContext: 'harness',
  });
  return {
    kubeConfig,
    server: address,
    targets,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs a labelled container on the engine's default bridge; answers its id and IP. */
export async function runBridgeContainer(
  deps: StreamDeps,
  image: string,
  cmd?: readonly string[],
): Promise<{ id: string; ip: string }> {
  const docker = dockerFor(deps.dockerSocketPath);
  const container = await docker.createContainer({
    Image: image,
    ...(cmd ? { Cmd: [...cmd] } : {}),
    Labels: { ...TEST_LABELS },
  });
  await container.start();
  const info = await container.inspect();
  const ip = Object.values(info.NetworkSettings.Networks)[0]?.IPAddress;
  if (!ip) throw new Error(`container ${container.id.slice(0, 12)} of ${image} got no bridge IP`);
  return { id: container.id, ip };
}

/** Resolves once something accepts TCP connections on ip:port (a server in a fresh container). */
export async function waitForPort(ip: string, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const probe = connect({ host: ip, port }, () => {
        probe.destroy();
        resolve(true);
      });
      probe.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${ip}:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function removeContainers(deps: StreamDeps, ids: readonly string[]): Promise<void> {
  const docker = dockerFor(deps.dockerSocketPath);
  await Promise.all(
    ids.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
}

/** Collects bytes written to it; `until` waits for a condition on everything so far. */
export class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  private readonly waiters = new Set<() => void>();

  constructor() {
    super({ decodeStrings: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    for (const waiter of this.waiters) waiter();
    done();
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get text(): string {
    return this.bytes.toString('utf8');
  }

  until(predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.text)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.text);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms; got so far: ${JSON.stringify(this.text)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
