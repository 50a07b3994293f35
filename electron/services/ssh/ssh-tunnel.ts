import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { forwardTo, handshake, hopWhere, type HopSettings, type SshHop, type VerifiedKey } from './ssh-hop';

export interface SshTunnelOptions extends SshHop, HopSettings {
  /** ProxyJump hosts, in connection order: each hop is reached through the previous one. */
  readonly jumps?: readonly SshHop[];
}

interface SocketLike {
  setTimeout(): void;
  setNoDelay(): void;
  setKeepAlive(): void;
  ref(): void;
  unref(): void;
}

/** http.Agent treats its connections as sockets; an SSH channel has none of these knobs (nor needs them). */
function asSocket(channel: ClientChannel): Duplex {
  const shim = channel as ClientChannel & Partial<SocketLike>;
  const noop = (): void => undefined;
  shim.setTimeout ??= noop;
  shim.setNoDelay ??= noop;
  shim.setKeepAlive ??= noop;
  shim.ref ??= noop;
  shim.unref ??= noop;
  return shim;
}

/**
 * One kept SSH connection to one host; every engine call is a channel on it (stream-local forwarding
 * to the remote socket). Nothing listens locally. Connects lazily and again after a drop.
 */
export class SshTunnel {
  private client: Promise<Client> | undefined;
  private closed = false;
  readonly where: string;
  readonly host: string;
  readonly port: number;
  /** The host key the last handshake verified (`SHA256:` fingerprint and type), for connection tests. */
  verifiedKey: VerifiedKey | undefined;

  /** Every server the tunnel logs in to, jump hosts first, the target last. */
  get hops(): readonly SshHop[] {
    return [...(this.options.jumps ?? []), this.options];
  }

  constructor(private readonly options: SshTunnelOptions) {
    this.where = hopWhere(options);
    this.host = options.host;
    this.port = options.port;
  }

  /** The live SSH connection: handshake, host key check and login done. */
  connect(): Promise<Client> {
    if (this.closed)
      return Promise.reject(new AppError('CANCELLED', `The SSH tunnel to ${this.where} is closed.`));
    const pending = (this.client ??= this.dial());
    pending.catch(() => {
      if (this.client === pending) this.client = undefined;
    });
    return pending;
  }

  /** A new channel to a socket on the remote host, e.g. /var/run/docker.sock. */
  async openStream(socketPath: string): Promise<Duplex> {
    const client = await this.connect();
    return new Promise((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(socketPath, (error, channel) => {
        if (error) reject(this.channelError(error as Error & { reason?: unknown }, socketPath));
        else resolve(asSocket(channel));
      });
    });
  }

  close(): void {
    this.closed = true;
    const pending = this.client;
    this.client = undefined;
    void pending?.then((client) => client.end()).catch(() => undefined);
  }

  private async dial(): Promise<Client> {
    const { options } = this;
    const jumps = options.jumps ?? [];
    const opened: Client[] = [];
    const endAll = (): void => opened.forEach((c) => c.end());
    try {
      let sock: Duplex | undefined;
      for (const [index, jump] of jumps.entries()) {
        const next = jumps[index + 1] ?? options;
        const hop = await handshake(jump, options, () => undefined, sock).catch((error: unknown) => {
          throw viaJump(error, index, jumps.length, this.where);
        });
        opened.push(hop);
        hop.on('close', endAll);
        sock = await forwardTo(hop, hopWhere(jump), next);
      }
      const client = await handshake(options, options, (key) => (this.verifiedKey = key), sock);
      if (this.closed) client.end();
      client.on('close', () => {
        endAll();
        // Channels die with it; the next call dials again.
        void this.client?.then(
          (live) => {
            if (live === client) this.client = undefined;
          },
          () => undefined,
        );
      });
      return client;
    } catch (error) {
      endAll();
      throw error;
    }
  }

  private channelError(error: Error & { reason?: unknown }, socketPath: string): AppError {
    // 1 = administratively prohibited (sshd forbids stream-local forwarding); else the socket is not there.
    if (error.reason === 1)
      return failure(
        'PERMISSION_DENIED',
        `${this.where} does not allow forwarding to ${socketPath} (stream-local forwarding is disabled).`,
        'Set AllowStreamLocalForwarding yes in that host’s sshd_config (and DisableForwarding no), then reload sshd.',
      );
    return failure(
      'UNAVAILABLE',
      `${this.where} could not open the Docker socket ${socketPath} (${error.message}).`,
      `Check that Docker runs on that host and that ${this.options.user} may open ${socketPath} (the docker group).`,
    );
  }
}

/** A jump host's refusal, saying it is one (host key errors keep their code and details, plus the hop). */
function viaJump(error: unknown, index: number, count: number, target: string): unknown {
  if (!(error instanceof AppError)) return error;
  const hop = `ProxyJump host ${index + 1} of ${count} on the way to ${target}`;
  return new AppError(error.code, `${error.message} (${hop})`, {
    ...error.details,
    jumpHost: index + 1,
    ...(typeof error.details?.reason === 'string' ? { reason: `${error.details.reason} (${hop})` } : {}),
  });
}
