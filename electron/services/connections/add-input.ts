import type { ParsedIn } from '../../shared/contract';
import { formatEndpoint, parseEndpoint } from '../../shared/endpoint';
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
): Promise<CheckedAdd> {
  const target = parseEndpoint(input.endpoint);
  if (target.kind === 'ssh')
    throw new AppError('INVALID_ARGUMENT', `${SSH_NOT_SUPPORTED.reason} ${SSH_NOT_SUPPORTED.hint}`);
  const endpoint = formatEndpoint(target);
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
