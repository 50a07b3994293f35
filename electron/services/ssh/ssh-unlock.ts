import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { CredentialRequest } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ConnectionSpec } from '../connections/spec';
import { failure } from '../containers/engine-errors';
import { keyIdOf } from './key-id';
import { tunnelFor, type SshDeps } from './ssh-engine';

async function unlockKey(
  credential: Extract<CredentialRequest, { kind: 'passphrase' }>,
  secret: string,
  remember: boolean,
  deps: SshDeps,
): Promise<void> {
  const { keyFile } = credential;
  let text: Buffer;
  try {
    text = await readFile(keyFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw failure(
      'PERMISSION_DENIED',
      `Bosun cannot read the SSH key file ${keyFile} (${code}).`,
      'Check that the file is still there and belongs to you (chmod 600), then try again.',
    );
  }
  if (ssh2.utils.parseKey(text, secret) instanceof Error)
    throw failure(
      'PERMISSION_DENIED',
      `The passphrase for ${keyFile} is wrong.`,
      'Type it again (passphrases are case-sensitive); nothing was changed.',
      { credential },
    );
  await deps.credentials!.keep({ kind: 'passphrase', keyId: keyIdOf(text) }, secret, remember);
}

/** A password can only be checked by the server: log in once on a fresh connection with it. */
async function unlockAccount(
  spec: ConnectionSpec,
  credential: Extract<CredentialRequest, { kind: 'password' }>,
  secret: string,
  remember: boolean,
  deps: SshDeps,
): Promise<void> {
  const account = credential.host;
  const { pool: _shared, ...fresh } = deps;
  const tunnel = await tunnelFor(spec, {
    ...fresh,
    credentials: deps.credentials!.withCandidate(account, secret),
  });
  try {
    await tunnel.connect();
  } catch (error) {
    const asked = error instanceof AppError ? error.details?.credential : undefined;
    const sameAccount =
      typeof asked === 'object' &&
      asked !== null &&
      (asked as CredentialRequest).kind === 'password' &&
      (asked as CredentialRequest).host === account;
    if (sameAccount)
      throw failure(
        'PERMISSION_DENIED',
        `The password for ${account} is wrong (the server refused it).`,
        'Type it again (passwords are case-sensitive); nothing was changed.',
        { credential },
      );
    throw error;
  } finally {
    tunnel.close();
  }
  await deps.credentials!.keep({ kind: 'password', account }, secret, remember);
}

/**
 * Checks the passphrase or password a login asked for and keeps it (see SshCredentials.keep): a wrong one
 * is refused with PERMISSION_DENIED and nothing is kept.
 */
export async function unlockCredential(
  spec: ConnectionSpec,
  credential: CredentialRequest,
  secret: string,
  remember: boolean,
  deps: SshDeps,
): Promise<void> {
  if (!deps.credentials)
    throw new AppError('INTERNAL', 'This Bosun core was built without a place for SSH credentials.');
  if (remember && deps.credentials.storeDescription === undefined)
    throw new AppError(
      'UNAVAILABLE',
      'Bosun has no secret store here, so it cannot remember this; unlock without remembering.',
    );
  if (credential.kind === 'passphrase') await unlockKey(credential, secret, remember, deps);
  else await unlockAccount(spec, credential, secret, remember, deps);
}
