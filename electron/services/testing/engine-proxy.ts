import { rm } from 'node:fs/promises';
import {
  createConnection,
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface ProxyOptions {
  /** Listen on this unix socket path; otherwise on 127.0.0.1 (a free port, kept across restarts). */
  readonly path?: string;
  /** Terminate TLS in front of the engine (tcp only). */
  readonly tls?: TlsOptions;
}

/**
 * A proxy in front of the real test engine's socket, for tests: over a unix socket, TCP or TCP+TLS.
 * stop() drops every connection (and removes the socket file), as an engine that goes away does;
 * start() brings it back on the same address.
 */
export class EngineProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  constructor(
    private readonly target: string,
    private readonly options: ProxyOptions = {},
  ) {}

  /** unix:///path or tcp://127.0.0.1:port, as a connection endpoint. */
  get endpoint(): string {
    return this.options.path ? `unix://${this.options.path}` : `tcp://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<void> {
    if (this.options.path) await rm(this.options.path, { force: true });
    const relay = (client: Socket): void => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    };
    const server = this.options.tls ? createTlsServer(this.options.tls, relay) : createNetServer(relay);
    // Handshake failures are what some tests are about; they must not crash the test process.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if (this.options.path) server.listen(this.options.path, resolve);
      else server.listen(this.boundPort, '127.0.0.1', resolve);
    });
    this.boundPort = (server.address() as AddressInfo | null)?.port ?? 0;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.options.path) await rm(this.options.path, { force: true });
  }
}
