import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2, { type AgentAuthMethod, type PublicKeyAuthMethod } from 'ssh2';
import { failure } from '../containers/engine-errors';
import { keyIdOf } from './key-id';
import type { CredentialLookup } from './ssh-credentials';

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
  /** Passphrases and passwords the user gave (memory, then the secret store). */
  readonly credentials?: CredentialLookup;
}

/** An encrypted key file whose passphrase Bosun does not know (yet). */
export interface LockedKey {
  readonly path: string;
  /** What its passphrase is kept under (see keyIdOf). */
  readonly keyId: string;
}

export interface AuthPlan {
  readonly methods: (AgentAuthMethod | PublicKeyAuthMethod)[];
  /** What is tried, for "which keys were tried" in an auth failure. */
  readonly tried: string[];
  /** Encrypted keys left out for want of a passphrase: the user is asked for the first one's. */
  readonly locked: LockedKey[];
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** The key methods OpenSSH would try, in its order: the agent, then the key files (encrypted ones unlocked). */
export async function planAuth(login: SshLogin): Promise<AuthPlan> {
  const methods: AuthPlan['methods'] = [];
  const tried: string[] = [];
  const locked: LockedKey[] = [];
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
    if (!(parsed instanceof Error)) {
      methods.push({ type: 'publickey', username: login.user, key: text });
      tried.push(path);
      continue;
    }
    if (!/passphrase|encrypted/i.test(parsed.message))
      throw failure(
        'PERMISSION_DENIED',
        `${path} is not a private key Bosun can use (${parsed.message}).`,
        'Use an OpenSSH or PEM private key (ed25519, ECDSA or RSA), not the .pub file.',
      );
    const keyId = keyIdOf(text);
    const passphrase = await login.credentials?.passphrase(keyId);
    // Opened once here (bcrypt makes it slow on purpose). A kept passphrase that no longer opens the key
    // (it was changed since) counts as none.
    const opened = passphrase === undefined ? undefined : ssh2.utils.parseKey(text, passphrase);
    if (opened && !(opened instanceof Error)) {
      methods.push({ type: 'publickey', username: login.user, key: opened });
      tried.push(path);
    } else locked.push({ path, keyId });
  }
  return { methods, tried, locked };
}
