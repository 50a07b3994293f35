import { join } from 'node:path';
import type { AnyAuthMethod, AuthHandlerMiddleware, NextAuthHandler } from 'ssh2';
import type { CredentialRequest } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import type { AuthPlan, SshLogin } from './ssh-auth';

/** What the server said and what was sent, for the refusal. */
export interface LoginProgress {
  /** The methods the server said can continue, once it said. */
  offered: readonly string[] | undefined;
  /** The known password was sent (so, if the login failed, it was refused). */
  passwordSent: boolean;
  /** The server's keyboard-interactive question, when it asked one. */
  prompt?: string;
}

type Next = (auth: AnyAuthMethod | false) => void;

/**
 * The login as OpenSSH runs it: the keys of the plan, then (where the server offers it and a password is
 * known for this account) keyboard-interactive, else password. With no key to offer, "none" first asks the
 * server which methods it takes, so a refusal can say whether a password would do.
 */
export function loginSequence(
  plan: AuthPlan,
  user: string,
  password: string | undefined,
): { handler: AuthHandlerMiddleware; progress: LoginProgress } {
  const progress: LoginProgress = { offered: undefined, passwordSent: false };
  const keys = [...plan.methods];
  let asked = false;
  const handler = (methodsLeft: string[] | null, _partial: boolean, nextAuth: NextAuthHandler): void => {
    const next = nextAuth as Next;
    if (methodsLeft) progress.offered = methodsLeft;
    const offers = (method: string): boolean => progress.offered?.includes(method) ?? true;
    if (!asked && keys.length === 0) {
      asked = true;
      return next({ type: 'none', username: user });
    }
    asked = true;
    const key = offers('publickey') ? keys.shift() : undefined;
    if (key) return next(key);
    if (password === undefined || progress.passwordSent || !progress.offered) return next(false);
    progress.passwordSent = true;
    if (offers('keyboard-interactive'))
      return next({
        type: 'keyboard-interactive',
        username: user,
        prompt: (_name, _instructions, _lang, prompts, finish) => {
          const hidden = prompts.find((p) => !p.echo);
          if (hidden) progress.prompt = hidden.prompt.trim();
          // Hidden questions get the password; a visible one (a user name) gets the user.
          finish(prompts.map((p) => (p.echo ? user : password)));
        },
      });
    if (offers('password')) return next({ type: 'password', username: user, password });
    progress.passwordSent = false;
    return next(false);
  };
  return { handler: handler as AuthHandlerMiddleware, progress };
}

const UNLOCK = 'in Bosun’s connection list, or with bosun hosts unlock ID';

function acceptsPassword(progress: LoginProgress): boolean {
  return (progress.offered ?? []).some((m) => m === 'password' || m === 'keyboard-interactive');
}

/** The server refused every method: who, what was tried, and which passphrase or password would help. */
export function loginRefused(
  where: string,
  login: SshLogin,
  plan: AuthPlan,
  progress: LoginProgress,
): AppError {
  const user = login.user;
  const tried = plan.tried.length > 0 ? plan.tried.join(', ') : 'no key';
  const password = (prompt?: string): { credential: CredentialRequest } => ({
    credential: { kind: 'password', user, host: where, ...(prompt ? { prompt } : {}) },
  });
  if (progress.passwordSent)
    return failure(
      'PERMISSION_DENIED',
      `The password for ${where} was refused.`,
      `Type it again (${UNLOCK}); passwords are case-sensitive. Bosun also tried ${tried}.`,
      { user, tried: plan.tried, ...password(progress.prompt) },
    );
  const lockedKey = plan.locked[0];
  const keysAccepted = progress.offered?.includes('publickey') ?? true;
  if (lockedKey && keysAccepted)
    return failure(
      'PERMISSION_DENIED',
      `${where} needs the passphrase of the SSH key ${lockedKey.path}: the key is encrypted.`,
      `Enter the passphrase (${UNLOCK}), or load the key into the SSH agent (ssh-add ${lockedKey.path}).${plan.tried.length > 0 ? ` Bosun also tried ${tried}.` : ''}`,
      {
        user,
        tried: plan.tried,
        credential: { kind: 'passphrase', keyFile: lockedKey.path, host: where } satisfies CredentialRequest,
      },
    );
  if (acceptsPassword(progress))
    return failure(
      'PERMISSION_DENIED',
      `${where} did not accept ${plan.tried.length > 0 ? `Bosun’s keys (${tried})` : 'a key (Bosun has none to offer)'}, but it accepts a password for ${user}.`,
      `Enter the password (${UNLOCK}), or put your public key in ~${user}/.ssh/authorized_keys on that host.`,
      { user, tried: plan.tried, ...password() },
    );
  if (plan.tried.length === 0)
    return failure(
      'PERMISSION_DENIED',
      `Bosun has no way to log in as ${user}: no SSH agent (SSH_AUTH_SOCK is unset) and no key in ${join(login.homeDir, '.ssh')} (id_ed25519, id_ecdsa, id_rsa).`,
      'Name a key file for this connection (--identity FILE), or start an SSH agent holding your key.',
      { user, tried: plan.tried },
    );
  return failure(
    'PERMISSION_DENIED',
    `${where} refused to log in ${user}; Bosun tried ${tried}.`,
    `Check that the matching public key is in ~${user}/.ssh/authorized_keys on that host, or name another key file (--identity FILE).`,
    { user, tried: plan.tried },
  );
}
