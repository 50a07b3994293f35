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
  private readonly pairs = new Set<{ readonly client: Socket; readonly upstream: Socket }>();
  private boundPort = 0;
  private frozen = false;

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
      if (this.frozen) {
        // Accepted and never answered, as behind a host that went away.
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => undefined);
        client.pause();
        return;
      }
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      const pair = { client, upstream };
      this.pairs.add(pair);
      client.on('close', () => {
        this.pairs.delete(pair);
        upstream.destroy();
      });
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

  /**
   * Stops answering without closing anything: bytes in both directions stay where they are and new
   * connections are accepted but never relayed, as when the engine's host vanished without a FIN or RST.
   */
  freeze(): void {
    this.frozen = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** The network is back: connections made while frozen are reset (as a real peer would), new ones relay. */
  thaw(): void {
    this.frozen = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.pairs.clear();
  }

  async stop(): Promise<void> {
    this.frozen = false;
    this.pairs.clear();
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.options.path) await rm(this.options.path, { force: true });
  }
}
