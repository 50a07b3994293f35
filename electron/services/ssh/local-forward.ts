import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { hostToken } from './known-hosts';
import type { SshLease } from './ssh-pool';
import type { SshTunnel } from './ssh-tunnel';

/** A port on 127.0.0.1 whose every connection is an SSH channel to one remote host:port. */
export interface LocalForward {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Stops listening, ends every forwarded connection, then releases the lease. */
  close(): Promise<void>;
}

/** A TCP channel from the SSH host to `host:port` (as `ssh -L` opens one per connection). */
export async function openTcpChannel(
  tunnel: SshTunnel,
  host: string,
  port: number,
  origin: { readonly address?: string; readonly port?: number } = {},
): Promise<Duplex> {
  const client = await tunnel.connect();
  const target = hostToken(host, port);
  return new Promise((resolve, reject) => {
    const bare = host.replace(/^\[|\]$/g, '');
    client.forwardOut(origin.address ?? '127.0.0.1', origin.port ?? 0, bare, port, (error, channel) => {
      if (!error) return resolve(channel);
      // 1 = administratively prohibited: sshd forbids TCP forwarding.
      const prohibited = (error as Error & { reason?: unknown }).reason === 1;
      reject(
        prohibited
          ? failure(
              'PERMISSION_DENIED',
              `${tunnel.where} does not allow forwarding to ${target} (TCP forwarding is disabled).`,
              'Set AllowTcpForwarding yes in that host’s sshd_config (and DisableForwarding no), then reload sshd.',
            )
          : failure(
              'UNAVAILABLE',
              `${tunnel.where} could not connect to ${target} (${error.message}).`,
              `Check that something listens on ${target} as seen from ${tunnel.host}.`,
            ),
      );
    });
  });
}

/**
 * Listens on 127.0.0.1 (an ephemeral port) and carries every accepted connection over the lease's
 * SSH connection to `remoteHost:remotePort`. For libraries that insist on dialling a port themselves
 * (a Kubernetes client behind a bastion); loopback only, so no other machine can use it. A channel
 * that fails is reported through `onError` and closes its own connection; the listener stays.
 */
export async function forwardLocalPort(
  lease: SshLease,
  remoteHost: string,
  remotePort: number,
  onError: (error: AppError) => void,
): Promise<LocalForward> {
  const sockets = new Set<Socket>();
  let closing: Promise<void> | undefined;
  const report = (error: AppError): void => {
    // What fails because close() is tearing everything down is no news.
    if (!closing) onError(error);
  };
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Bytes that arrive before the channel opens wait in the socket (nothing reads it yet).
    socket.on('error', () => socket.destroy());
    openTcpChannel(lease.tunnel, remoteHost, remotePort, {
      ...(socket.remoteAddress ? { address: socket.remoteAddress } : {}),
      ...(socket.remotePort ? { port: socket.remotePort } : {}),
    }).then(
      (channel) => {
        if (socket.destroyed) return void channel.destroy();
        channel.on('error', (error: Error) => {
          report(
            failure(
              'UNAVAILABLE',
              `The forwarded connection to ${remoteHost}:${remotePort} failed (${error.message}).`,
              'Try again.',
            ),
          );
          socket.destroy();
        });
        socket.once('close', () => channel.destroy());
        channel.once('close', () => socket.destroy());
        socket.pipe(channel).pipe(socket);
      },
      (error: unknown) => {
        socket.destroy();
        report(
          error instanceof AppError
            ? error
            : failure('INTERNAL', `Forwarding to ${remoteHost}:${remotePort} failed.`, 'See Bosun’s log.'),
        );
      },
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    lease.release();
    throw failure(
      'UNAVAILABLE',
      `Bosun could not listen on 127.0.0.1 for the forward to ${remoteHost}:${remotePort} (${(error as Error).message}).`,
      'Try again.',
    );
  }
  // A listener error after start (rare: fd exhaustion while accepting) is reported; the server stays up.
  server.on('error', (error: Error) =>
    report(
      failure(
        'UNAVAILABLE',
        `The local forward to ${remoteHost}:${remotePort} hit an error (${error.message}).`,
        'Try again.',
      ),
    ),
  );
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }).finally(() => lease.release());
      return closing;
    },
  };
}
