import type { Duplex } from 'node:stream';
import ssh2, { type Client } from 'ssh2';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { planAuth, type SshLogin } from './ssh-auth';
import { loginRefused, loginSequence } from './ssh-login';
import { fingerprint, hostToken, keyTypeOf } from './known-hosts';
import type { KnownHostsStore } from './known-hosts-store';

/** One SSH server on the way: a ProxyJump host or the target itself. */
export interface SshHop extends SshLogin {
  readonly host: string;
  readonly port: number;
}

/** What every hop of one tunnel shares. */
export interface HopSettings {
  readonly knownHosts: KnownHostsStore;
  readonly keepaliveIntervalMs?: number;
  readonly readyTimeoutMs?: number;
}

export interface VerifiedKey {
  readonly fingerprint: string;
  readonly keyType: string;
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

export function hopWhere(hop: SshHop): string {
  return `${hop.user}@${hostToken(hop.host, hop.port)}`;
}

/**
 * Handshake, host key check and login with one server, over TCP or over `sock` (a channel forwarded
 * by the previous hop). Resolves with the ready client; every refusal names this hop.
 */
export async function handshake(
  hop: SshHop,
  settings: HopSettings,
  onVerified: (key: VerifiedKey) => void,
  sock?: Duplex,
): Promise<Client> {
  const where = hopWhere(hop);
  const plan = await planAuth(hop);
  const password = await hop.credentials?.password(where);
  const login = loginSequence(plan, hop.user, password);
  const refused = (): AppError => loginRefused(where, hop, plan, login.progress);
  const order = hostKeyOrder(await settings.knownHosts.preferredTypes(hop.host, hop.port));
  const client = new ssh2.Client();
  let refusal: AppError | undefined;
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    client.on('ready', () => {
      settled = true;
      resolve(client);
    });
    client.on('error', (error: Error & { level?: string; code?: unknown }) => {
      // An agent that cannot sign (a stale SSH_AUTH_SOCK, a key it will not use): ssh2 goes on to the
      // next method by itself, as OpenSSH does.
      if (settled || error.level === 'agent') return;
      settled = true;
      client.end();
      const failed = refusal ?? dialError(where, hop, settings, error, refused);
      // A refused password is not sent again on every retry (account lockouts, fail2ban).
      if (login.progress.passwordSent && failed.details?.credential)
        void hop.credentials?.refused?.(where).catch(() => undefined);
      reject(failed);
    });
    client.on('close', () => {
      if (settled) return;
      settled = true;
      reject(
        refusal ??
          failure(
            'UNAVAILABLE',
            `${where} closed the SSH connection during login.`,
            'Check the sshd log on that host.',
          ),
      );
    });
    client.connect({
      ...(sock ? { sock } : { host: hop.host.replace(/^\[|\]$/g, ''), port: hop.port }),
      username: hop.user,
      authHandler: login.handler,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        settings.knownHosts.verify(hop.host, hop.port, key).then(
          () => {
            onVerified({ fingerprint: fingerprint(key), keyType: keyTypeOf(key) });
            verify(true);
          },
          (error: unknown) => {
            refusal =
              error instanceof AppError
                ? error
                : failure('INTERNAL', `The host key of ${where} could not be checked.`, 'Try again.');
            verify(false);
          },
        );
      },
      algorithms: { serverHostKey: order },
      keepaliveInterval: settings.keepaliveIntervalMs ?? 10_000,
      keepaliveCountMax: 3,
      readyTimeout: settings.readyTimeoutMs ?? 15_000,
    });
    // ssh2 leaves Nagle on: its small back-to-back packets (NEWKEYS then SERVICE_REQUEST, a request
    // then a window adjust) waited for the server's delayed ACK, ~40 ms per handshake and per round.
    client.setNoDelay(true);
  });
}

/** A TCP channel from `via` to the next hop (ProxyJump), to run that hop's SSH over. */
export function forwardTo(via: Client, viaWhere: string, next: SshHop): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, next.host.replace(/^\[|\]$/g, ''), next.port, (error, channel) => {
      if (!error) return resolve(channel);
      // 1 = administratively prohibited: the jump host's sshd forbids TCP forwarding.
      const prohibited = (error as Error & { reason?: unknown }).reason === 1;
      reject(
        failure(
          prohibited ? 'PERMISSION_DENIED' : 'UNAVAILABLE',
          `The jump host ${viaWhere} could not open a connection to ${hostToken(next.host, next.port)} (${error.message}).`,
          prohibited
            ? 'Set AllowTcpForwarding yes in that jump host’s sshd_config, then reload sshd.'
            : 'Check that the next host is reachable from the jump host (ssh -J works the same way).',
        ),
      );
    });
  });
}

function dialError(
  where: string,
  hop: SshHop,
  settings: HopSettings,
  error: Error & { level?: string; code?: unknown },
  refused: () => AppError,
): AppError {
  if (error.level === 'client-authentication') return refused();
  if (error.level === 'client-timeout')
    return failure(
      'TIMEOUT',
      `${where} did not complete the SSH handshake within ${(settings.readyTimeoutMs ?? 15_000) / 1000} s.`,
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
    `Bosun cannot reach ${where}: ${reasons[code] ?? error.message}.`,
    'Check the host name and port, that sshd runs there, and your network; Bosun retries by itself.',
    code ? { errno: code } : {},
  );
}
