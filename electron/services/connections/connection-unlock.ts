import { AppError } from '../../shared/errors';
import type { ConnectionSession } from './connection-session';
import { credentialOf } from './credential-status';
import type { SshSupport } from './ssh-support';

/**
 * Gives a session's SSH login the passphrase or password its last refusal asked for: checked and kept by
 * the SSH support (a wrong one rejects and changes nothing). The caller retries the session.
 */
export async function unlockSession(
  session: ConnectionSession,
  ssh: SshSupport | undefined,
  secret: string,
  remember: boolean,
): Promise<void> {
  const { spec } = session;
  const credential = credentialOf(session.whyNotConnected());
  if (!credential)
    throw new AppError(
      'CONFLICT',
      `${spec.name} (${spec.endpoint}) is not waiting for a passphrase or password (it is ${session.state}); nothing was kept.`,
      { id: spec.id },
    );
  if (!ssh?.unlock)
    throw new AppError('INTERNAL', 'This Bosun core has no SSH support, so it cannot unlock a login.');
  await ssh.unlock(spec, credential, secret, remember);
}
