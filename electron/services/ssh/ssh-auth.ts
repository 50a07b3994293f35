import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2, { type AgentAuthMethod, type PublicKeyAuthMethod } from 'ssh2';
import { failure } from '../containers/engine-errors';

/** How to log in to one SSH host. */
export interface SshLogin {
  readonly user: string;
  /** Key files named by the user (the connection's identityFile): missing ones are an error. */
  readonly identityFiles: readonly string[];
  /** IdentityFile lines of ~/.ssh/config: they replace the default keys; missing ones are skipped. */
  readonly configIdentityFiles?: readonly string[];
  readonly homeDir: string;
  /** `SSH_AUTH_SOCK` of Bosun's environment, when an agent runs. */
  readonly agentSocket?: string;
}

export interface AuthPlan {
  readonly methods: (AgentAuthMethod | PublicKeyAuthMethod)[];
  /** What is tried, for "which keys were tried" in an auth failure. */
  readonly tried: string[];
  /** Key files skipped because they need a passphrase (a later version asks for it). */
  readonly encrypted: string[];
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** The methods OpenSSH would try, in its order: the agent, then the key files. */
export async function planAuth(login: SshLogin): Promise<AuthPlan> {
  const methods: AuthPlan['methods'] = [];
  const tried: string[] = [];
  const encrypted: string[] = [];
  if (login.agentSocket) {
    methods.push({ type: 'agent', username: login.user, agent: login.agentSocket });
    tried.push(`the SSH agent (${login.agentSocket})`);
  }
  const explicit = login.identityFiles.length > 0;
  const configured = login.configIdentityFiles ?? [];
  const files = explicit
    ? login.identityFiles
    : configured.length > 0
      ? configured
      : DEFAULT_KEYS.map((name) => join(login.homeDir, '.ssh', name));
  for (const path of files) {
    let text: Buffer;
    try {
      text = await readFile(path);
    } catch (error) {
      if (!explicit) continue;
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw failure(
        'PERMISSION_DENIED',
        `Bosun cannot read the SSH key file ${path} (${code}).`,
        'Check the path and that the file belongs to you (chmod 600).',
      );
    }
    const parsed = ssh2.utils.parseKey(text);
    if (parsed instanceof Error) {
      if (/passphrase|encrypted/i.test(parsed.message)) {
        encrypted.push(path);
        continue;
      }
      throw failure(
        'PERMISSION_DENIED',
        `${path} is not a private key Bosun can use (${parsed.message}).`,
        'Use an OpenSSH or PEM private key (ed25519, ECDSA or RSA), not the .pub file.',
      );
    }
    methods.push({ type: 'publickey', username: login.user, key: text });
    tried.push(path);
  }
  if (methods.length === 0) throw noMethod(login, encrypted);
  return { methods, tried, encrypted };
}

function passphraseHint(encrypted: readonly string[]): string {
  return encrypted.length
    ? ` ${encrypted.join(', ')} need${encrypted.length === 1 ? 's' : ''} a passphrase, which this version of Bosun cannot ask for yet: load ${encrypted.length === 1 ? 'it' : 'them'} into the SSH agent (ssh-add ${encrypted[0]}) and start Bosun with SSH_AUTH_SOCK set.`
    : '';
}

function noMethod(login: SshLogin, encrypted: readonly string[]) {
  if (encrypted.length > 0)
    return failure(
      'PERMISSION_DENIED',
      `Bosun has no key it can use to log in as ${login.user}: the key is encrypted.`,
      passphraseHint(encrypted).trim(),
    );
  return failure(
    'PERMISSION_DENIED',
    `Bosun has no way to log in as ${login.user}: no SSH agent (SSH_AUTH_SOCK is unset) and no key in ${join(login.homeDir, '.ssh')} (id_ed25519, id_ecdsa, id_rsa).`,
    'Name a key file for this connection (--identity FILE), or start an SSH agent holding your key.',
  );
}

/** The server refused every method: who, what was tried, what to do. */
export function authRefused(where: string, login: SshLogin, plan: AuthPlan) {
  return failure(
    'PERMISSION_DENIED',
    `${where} refused to log in ${login.user}; Bosun tried ${plan.tried.join(', ')}.`,
    `Check that the matching public key is in ~${login.user}/.ssh/authorized_keys on that host, or name another key file (--identity FILE).${passphraseHint(plan.encrypted)}`,
    { user: login.user, tried: plan.tried },
  );
}
