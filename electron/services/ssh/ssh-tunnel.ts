import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { authRefused, planAuth, type AuthPlan, type SshLogin } from './ssh-auth';
import { fingerprint, hostToken, keyTypeOf } from './known-hosts';
import type { KnownHostsStore } from './known-hosts-store';

export interface SshTunnelOptions extends SshLogin {
  readonly host: string;
  readonly port: number;
  readonly knownHosts: KnownHostsStore;
  /** SSH keep-alive: a dead peer is noticed after interval × 3 (default 10 s). */
  readonly keepaliveIntervalMs?: number;
  /** Handshake and login deadline (default 15 s). */
  readonly readyTimeoutMs?: number;
}

const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;
type HostKeyAlgorithm = (typeof HOST_KEY_ALGORITHMS)[number];

/** Ask for key types already on record first, as OpenSSH does, so a known host is never "unknown". */
function hostKeyOrder(known: readonly string[]): HostKeyAlgorithm[] {
  const wanted = new Set<string>(
    known.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', t] : [t])),
  );
  return [...HOST_KEY_ALGORITHMS].sort((a, b) => Number(wanted.has(b)) - Number(wanted.has(a)));
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
  verifiedKey: { readonly fingerprint: string; readonly keyType: string } | undefined;

  constructor(private readonly options: SshTunnelOptions) {
    this.where = `${options.user}@${hostToken(options.host, options.port)}`;
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
    const plan = await planAuth(options);
    const order = hostKeyOrder(await options.knownHosts.preferredTypes(options.host, options.port));
    const client = new ssh2.Client();
    let refusal: AppError | undefined;
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      client.on('ready', () => {
        settled = true;
        if (this.closed) client.end();
        resolve(client);
      });
      client.on('error', (error: Error & { level?: string; code?: unknown }) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(refusal ?? this.dialError(error, plan));
      });
      client.on('close', () => {
        if (!settled) {
          settled = true;
          reject(
            refusal ??
              failure(
                'UNAVAILABLE',
                `${this.where} closed the SSH connection during login.`,
                'Check the sshd log on that host.',
              ),
          );
        }
        // Channels die with it; the next call dials again.
        void this.client?.then(
          (live) => {
            if (live === client) this.client = undefined;
          },
          () => undefined,
        );
      });
      client.connect({
        host: options.host.replace(/^\[|\]$/g, ''),
        port: options.port,
        username: options.user,
        authHandler: plan.methods,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          options.knownHosts.verify(options.host, options.port, key).then(
            () => {
              this.verifiedKey = { fingerprint: fingerprint(key), keyType: keyTypeOf(key) };
              verify(true);
            },
            (error: unknown) => {
              refusal =
                error instanceof AppError
                  ? error
                  : failure('INTERNAL', `The host key of ${this.where} could not be checked.`, 'Try again.');
              verify(false);
            },
          );
        },
        algorithms: { serverHostKey: order },
        keepaliveInterval: options.keepaliveIntervalMs ?? 10_000,
        keepaliveCountMax: 3,
        readyTimeout: options.readyTimeoutMs ?? 15_000,
      });
    });
  }

  private dialError(error: Error & { level?: string; code?: unknown }, plan: AuthPlan): AppError {
    if (error.level === 'client-authentication') return authRefused(this.where, this.options, plan);
    if (error.level === 'client-timeout')
      return failure(
        'TIMEOUT',
        `${this.where} did not complete the SSH handshake within ${(this.options.readyTimeoutMs ?? 15_000) / 1000} s.`,
        'Check that an SSH server answers on that port (ssh -v) and that no firewall drops the connection.',
      );
    const code = typeof error.code === 'string' ? error.code : '';
    const reasons: Record<string, string> = {
      ECONNREFUSED: 'nothing listens on that port (connection refused)',
      ENOTFOUND: 'the host name does not resolve',
      EAI_AGAIN: 'the host name could not be resolved right now',
      EHOSTUNREACH: 'the host is unreachable',
      ENETUNREACH: 'the network is unreachable',
      ETIMEDOUT: 'the connection timed out',
      ECONNRESET: 'the connection was reset',
    };
    return failure(
      'UNAVAILABLE',
      `Bosun cannot reach ${this.where}: ${reasons[code] ?? error.message}.`,
      'Check the host name and port, that sshd runs there, and your network; Bosun retries by itself.',
      code ? { errno: code } : {},
    );
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
