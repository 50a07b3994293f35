import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { execDialStdio, verifyDialStdio } from './dial-stdio';
import { forwardTo, handshake, hopWhere, type HopSettings, type SshHop, type VerifiedKey } from './ssh-hop';
import { routeKey } from './ssh-pool';

export interface SshTunnelOptions extends SshHop, HopSettings {
  /** ProxyJump hosts, in connection order: each hop is reached through the previous one. */
  readonly jumps?: readonly SshHop[];
}

/** ssh2's error for a refused channel: the SSH reason code (1 prohibited, 2 connect failed, …). */
type ChannelRefusal = Error & { reason?: unknown };

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
  /** The ready connection, cleared the moment it closes: a dead connection is never handed out. */
  private live: Client | undefined;
  /** Where sshd forbids stream-local forwarding: the connection whose channels go through dial-stdio. */
  private fallback:
    | { readonly client: Client; readonly checked: Promise<void>; readonly refusal: ChannelRefusal }
    | undefined;
  /** Channels handed out, by the connection they ride on (see `track`). */
  private readonly channels = new Map<Duplex, Client>();
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

  /** The route (every hop and how it logs in): tunnels with the same key can share one connection. */
  get key(): string {
    return routeKey(this.hops);
  }

  /** Whether an SSH connection is up right now (a call would not dial). */
  get connected(): boolean {
    return this.live !== undefined;
  }

  get isClosed(): boolean {
    return this.closed;
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

  /**
   * A new channel to a socket on the remote host, e.g. /var/run/docker.sock: stream-local forwarding,
   * or where sshd forbids that, `docker system dial-stdio` run on the host (decided once per connection).
   */
  async openStream(socketPath: string): Promise<Duplex> {
    const client = await this.connect();
    let fallback = this.fallback;
    if (fallback?.client !== client) {
      const forwarded = await new Promise<ClientChannel | Error>((resolve) =>
        client.openssh_forwardOutStreamLocal(socketPath, (error, channel) => resolve(error ?? channel)),
      );
      if (!(forwarded instanceof Error)) return this.track(client, forwarded);
      const refusal = forwarded as ChannelRefusal;
      // No reason code: the connection itself failed, not the channel.
      if (typeof refusal.reason !== 'number') throw this.channelError(forwarded, socketPath);
      // The server refused the channel. OpenSSH answers "open failed" (2) both where stream-local
      // forwarding is disabled and where the socket is missing, others "prohibited" (1): either way
      // the docker CLI on the host may get through, and its stderr says what is wrong if not.
      fallback =
        this.fallback?.client === client
          ? this.fallback
          : (this.fallback = { client, refusal, checked: verifyDialStdio(client, socketPath) });
    }
    const decided = fallback;
    await decided.checked.catch((error: Error) => {
      if (this.fallback === decided) this.fallback = undefined;
      throw this.fallbackError(socketPath, decided.refusal, error.message);
    });
    const { channel } = await execDialStdio(client, socketPath).catch((error: Error) => {
      throw this.fallbackError(socketPath, decided.refusal, error.message);
    });
    return this.track(client, channel);
  }

  /**
   * When a connection drops, ssh2 only ends its channels' readable side, and a channel nobody reads
   * (an idle keep-alive socket in the http.Agent) never closes: the agent would reuse it and the next
   * request would hang. So every channel is destroyed with its connection.
   */
  private track(client: Client, channel: ClientChannel): Duplex {
    this.channels.set(channel, client);
    channel.once('close', () => this.channels.delete(channel));
    return asSocket(channel);
  }

  close(): void {
    this.closed = true;
    const pending = this.client;
    this.client = undefined;
    this.live = undefined;
    this.fallback = undefined;
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
      else this.live = client;
      const pending = this.client;
      client.on('close', () => {
        endAll();
        for (const [channel, on] of this.channels) if (on === client) channel.destroy();
        // Channels die with it; the next call dials again (at once: no dead connection is handed out).
        if (this.live !== client) return;
        this.live = undefined;
        if (this.client === pending) this.client = undefined;
      });
      return client;
    } catch (error) {
      endAll();
      throw error;
    }
  }

  /** Both halves: the forward was refused, and the docker CLI on the host could not stand in for it. */
  private fallbackError(socketPath: string, refusal: ChannelRefusal, why: string): AppError {
    const prohibited = refusal.reason === 1;
    const refused = prohibited
      ? `${this.where} does not allow forwarding to ${socketPath} (stream-local forwarding is disabled)`
      : `${this.where} refused to forward to ${socketPath} (“${refusal.message.replace(/^\(SSH\) Channel open failure: /, '')}”: stream-local forwarding is disabled there, or the socket is missing)`;
    return failure(
      prohibited ? 'PERMISSION_DENIED' : 'UNAVAILABLE',
      `${refused}, and the fallback, docker system dial-stdio run on that host, failed (${why}).`,
      `To enable forwarding, set AllowStreamLocalForwarding yes in that host’s sshd_config (and DisableForwarding no), then reload sshd; or install the docker CLI on that host (on the PATH of a non-interactive login) so Bosun can go through it. Check too that Docker runs there and that ${this.options.user} may open ${socketPath} (the docker group).`,
      { fallback: why, channelReason: refusal.reason },
    );
  }

  private channelError(error: Error, socketPath: string): AppError {
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
