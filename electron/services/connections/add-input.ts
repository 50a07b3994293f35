import { stat } from 'node:fs/promises';
import type { ParsedIn } from '../../shared/contract';
import { formatEndpoint, normalizeAbsolutePath, parseEndpoint } from '../../shared/endpoint';
import { AppError } from '../../shared/errors';
import { readTlsMaterial } from '../containers/tls-material';
import { SSH_NOT_SUPPORTED } from './ssh-blocked';
import type { StoredConnection } from './store';

/** A connection to add, checked: everything but its id. */
export type CheckedAdd = Omit<StoredConnection, 'id'>;

/**
 * Checks what connections.add was given, before anything is saved or dialled: the endpoint parses and
 * is one Bosun can dial, and TLS files (tcp:// only, absolute paths) are small regular files holding a
 * certificate and a matching key. Every refusal is INVALID_ARGUMENT naming what is wrong.
 */
export async function checkAddInput(
  input: ParsedIn<'connections.add'>,
  reportInternal: (error: unknown) => void,
  sshSupported = false,
): Promise<CheckedAdd> {
  const target = parseEndpoint(input.endpoint);
  if (target.kind === 'ssh' && !sshSupported)
    throw new AppError('INVALID_ARGUMENT', `${SSH_NOT_SUPPORTED.reason} ${SSH_NOT_SUPPORTED.hint}`);
  const endpoint = formatEndpoint(target);
  if (target.kind === 'ssh') return checkSshAdd(input, endpoint);
  if (
    input.identityFile !== undefined ||
    input.acceptHostKey !== undefined ||
    input.remoteSocket !== undefined
  ) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `An identity file and a host key apply to ssh:// endpoints only; ${endpoint} is not one. Remove them, or use ssh://user@host.`,
    );
  }
  if (!input.tls) return { name: input.name, endpoint };
  if (target.kind !== 'tcp') {
    throw new AppError(
      'INVALID_ARGUMENT',
      `TLS files apply to tcp:// endpoints only; ${endpoint} is a local socket. Remove the TLS files, or use tcp://host:2376.`,
    );
  }
  for (const path of Object.values(input.tls)) {
    if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `The TLS file path "${path.slice(0, 200)}" is not absolute. Use a full path such as /home/me/.docker/ca.pem.`,
      );
    }
  }
  try {
    await readTlsMaterial({ verify: true, ...input.tls }, endpoint);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('INVALID_ARGUMENT', error.message, error.details);
    reportInternal(error);
    throw new AppError(
      'INTERNAL',
      'Bosun could not check the TLS files (an unexpected error, logged). Try again; if this repeats, report it with Bosun’s log.',
    );
  }
  return { name: input.name, endpoint, tls: { ...input.tls } };
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

async function checkSshAdd(input: ParsedIn<'connections.add'>, endpoint: string): Promise<CheckedAdd> {
  if (input.tls)
    throw new AppError(
      'INVALID_ARGUMENT',
      `TLS files apply to tcp:// endpoints only; ${endpoint} is reached through SSH. Remove the TLS files.`,
    );
  const remote = input.remoteSocket;
  if (remote !== undefined && (!remote.startsWith('/') || normalizeAbsolutePath(remote) !== remote))
    throw new AppError(
      'INVALID_ARGUMENT',
      `The remote socket "${remote.slice(0, 200)}" is not a plain absolute path. Use the path on that host, e.g. /var/run/docker.sock.`,
      { field: 'remoteSocket' },
    );
  const socket = remote !== undefined ? { remoteSocket: remote } : {};
  const path = input.identityFile;
  if (path === undefined)
    return remote === undefined
      ? { name: input.name, endpoint }
      : { name: input.name, endpoint, ssh: socket };
  if (!isAbsolute(path))
    throw new AppError(
      'INVALID_ARGUMENT',
      `The identity file path "${path.slice(0, 200)}" is not absolute. Use a full path such as /home/me/.ssh/id_ed25519.`,
      { field: 'identityFile' },
    );
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error || !info.isFile() || info.size > 64 * 1024)
    throw new AppError(
      'INVALID_ARGUMENT',
      `${path.slice(0, 200)} is not a readable private key file (${info instanceof Error ? (info.code ?? 'unreadable') : 'not a small regular file'}). Name the private key, e.g. ~/.ssh/id_ed25519 as a full path.`,
      { field: 'identityFile' },
    );
  return { name: input.name, endpoint, ssh: { identityFile: path, ...socket } };
}
