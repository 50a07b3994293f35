import { createServer, type Server, type Socket } from 'node:net';
import type { ForwardTargetRef, PortForwardInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import type { KubeCluster } from './kube-cluster';
import type { PodPortStream } from './port-forward-stream';

/** Where a forward goes, once resolved (for a service: the chosen pod and its targetPort). */
export interface ResolvedForward {
  readonly forwardId: string;
  readonly clusterId: string;
  readonly namespace: string;
  readonly target: ForwardTargetRef;
  readonly pod: string;
  readonly remotePort: number;
  readonly podPort: number;
}

export interface PortForwardDeps {
  /** The cluster's client now; throws (AppError) while it is not connected. */
  readonly cluster: () => KubeCluster;
  /** Something changed (counts, an error): the owner is told, coalesced by the caller. */
  readonly onChange: () => void;
  readonly now?: () => number;
}

const HOST = '127.0.0.1';

/**
 * Listens on 127.0.0.1:port; each connection opens its own port-forward stream to the pod's port, so
 * one failing connection (nothing listens in the pod, the cluster is gone) is reported and ends alone
 * while the listener keeps accepting, as kubectl port-forward does.
 */
export class PortForwarder {
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<PodPortStream>();
  private bytesIn = 0;
  private bytesOut = 0;
  private accepted = 0;
  private lastError: { message: string; at: number } | undefined;
  private lost: string | undefined;
  private readonly startedAt: number;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    readonly localPort: number,
    readonly spec: ResolvedForward,
    private readonly deps: PortForwardDeps,
  ) {
    this.startedAt = this.now();
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Binds 127.0.0.1 (the port asked, or a free one); rejects with a clear AppError when it cannot. */
  static async listen(
    spec: ResolvedForward,
    localPort: number | undefined,
    deps: PortForwardDeps,
  ): Promise<PortForwarder> {
    const server = createServer({ pauseOnConnect: true });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(bindError(error, localPort)));
      server.listen({ host: HOST, port: localPort ?? 0, exclusive: true }, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    server.on('error', () => undefined);
    return new PortForwarder(server, port, spec, deps);
  }

  info(): PortForwardInfo {
    const { forwardId, clusterId, namespace, target, pod, remotePort, podPort } = this.spec;
    return {
      forwardId,
      clusterId,
      namespace,
      target,
      pod,
      remotePort,
      podPort,
      address: HOST,
      localPort: this.localPort,
      connections: this.sockets.size,
      accepted: this.accepted,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      ...(this.lastError ? { lastError: { ...this.lastError } } : {}),
      ...(this.lost ? { clusterLost: this.lost } : {}),
      startedAt: this.startedAt,
    };
  }

  /** The cluster went away (a reason) or came back (undefined). */
  setClusterLost(reason: string | undefined): void {
    if (reason === this.lost) return;
    this.lost = reason;
    this.deps.onChange();
  }

  /** Closes the listener and every connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const stream of this.streams) stream.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private fail(message: string): void {
    this.lastError = { message, at: this.now() };
    this.deps.onChange();
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    this.accepted += 1;
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.deps.onChange();
    });
    this.deps.onChange();
    void this.connect(socket);
  }

  private async connect(socket: Socket): Promise<void> {
    const { namespace, pod, podPort } = this.spec;
    let stream: PodPortStream;
    try {
      stream = await this.deps.cluster().openPortStream(
        { namespace, pod, port: podPort },
        {
          onData: (chunk) => {
            this.bytesOut += chunk.length;
            socket.write(chunk);
          },
          onRemoteError: (message) => this.fail(message),
          onClose: () => {
            this.streams.delete(stream);
            socket.end();
          },
        },
      );
    } catch (error) {
      this.fail(error instanceof AppError ? error.message : String(error));
      socket.destroy();
      return;
    }
    if (this.stopped || socket.destroyed) {
      stream.close();
      return;
    }
    this.streams.add(stream);
    socket.on('data', (chunk: Buffer) => {
      this.bytesIn += chunk.length;
      stream.send(chunk);
    });
    socket.once('close', () => stream.close());
    socket.resume();
  }
}

function bindError(error: NodeJS.ErrnoException, port: number | undefined): AppError {
  if (error.code === 'EADDRINUSE')
    return failure(
      'CONFLICT',
      `Port ${port ?? '?'} on 127.0.0.1 is already in use.`,
      'Pick another local port, or leave it empty for a free one.',
    );
  if (error.code === 'EACCES')
    return failure(
      'PERMISSION_DENIED',
      `Bosun may not listen on port ${port ?? '?'} of 127.0.0.1.`,
      'Pick a port of 1024 or above, or leave it empty for a free one.',
    );
  return failure(
    'UNAVAILABLE',
    `Bosun could not listen on 127.0.0.1:${port ?? 0} (${error.code ?? error.message}).`,
    'Pick another local port, or leave it empty for a free one.',
  );
}
