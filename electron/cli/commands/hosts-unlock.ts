import type { Connection, CredentialRequest } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { openLocalCore, type LocalCore } from '../local-core';
import { printJson } from '../output';
import { printable } from '../printable';
import { readSecret } from '../read-secret';

export interface UnlockOptions {
  readonly secretStdin?: boolean;
  readonly remember?: boolean;
  readonly json?: boolean;
}

function question(credential: CredentialRequest): string {
  if (credential.kind === 'passphrase') return `Passphrase for ${credential.keyFile}: `;
  return `${credential.prompt ?? `Password for ${credential.host}:`} `;
}

/** The connection as it stands after unlocking, in one line (or JSON). */
export function describeUnlocked(connection: Connection): string {
  const { status } = connection;
  if (status.state === 'connected')
    return `${connection.id} (${connection.endpoint}) is connected${status.engine ? ` to Docker ${status.engine.version}` : ''}.`;
  if (status.state === 'connecting') return `${connection.id} (${connection.endpoint}) is still connecting.`;
  return `${connection.id} (${connection.endpoint}) is not connected: ${[status.reason, status.hint].filter(Boolean).join(' ')}`;
}

/**
 * Asks for the passphrase or password `connection`'s login waits for and gives it to the core (which
 * checks it: a wrong one rejects and nothing is kept). Answers the connection afterwards.
 */
export async function unlockConnection(
  core: LocalCore,
  connection: Connection,
  options: UnlockOptions,
): Promise<Connection> {
  const credential = connection.status.credential;
  if (!credential) return connection;
  const secret = await readSecret(question(credential), { stdin: options.secretStdin === true });
  return core.client.call('connections.unlock', {
    id: connection.id,
    secret,
    remember: options.remember === true,
  });
}

/** `bosun hosts unlock ID`: the passphrase of an encrypted SSH key, or an account's password. */
export async function hostsUnlockCommand(id: string, options: UnlockOptions): Promise<void> {
  const core = await openLocalCore();
  try {
    const connection = (await core.client.call('connections.list', {})).find((c) => c.id === id);
    if (!connection)
      throw new AppError('NOT_FOUND', `No engine has the id ${id}. See \`bosun hosts\` for the ids.`);
    if (!connection.status.credential) {
      if (options.json) printJson(connection);
      else console.log(printable(`Nothing to unlock: ${describeUnlocked(connection)}`));
      if (connection.status.state !== 'connected') process.exitCode = 1;
      return;
    }
    const after = await unlockConnection(core, connection, options);
    if (options.json) printJson(after);
    else console.log(printable(describeUnlocked(after)));
    if (after.status.state !== 'connected') process.exitCode = 1;
  } finally {
    await core.close();
  }
}
