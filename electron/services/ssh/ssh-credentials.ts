import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../platform';

/** What a login may ask for while planning: passphrases by key id (see keyIdOf), passwords by user@host. */
export interface CredentialLookup {
  passphrase(keyId: string): Promise<string | undefined>;
  password(account: string): Promise<string | undefined>;
  /** The server refused this password: it must not be sent again on every retry (lockouts, fail2ban). */
  refused?(account: string): Promise<void>;
}

/** One secret Bosun may keep: a key's passphrase or an account's password. */
export type CredentialName =
  | { readonly kind: 'passphrase'; readonly keyId: string }
  | { readonly kind: 'password'; readonly account: string };

/** The secret store's key: short and stable (the store takes at most 256 characters). */
function storeKey(name: CredentialName): string {
  const id = name.kind === 'passphrase' ? name.keyId : name.account;
  const stable = id.length <= 200 ? id : createHash('sha256').update(id).digest('hex');
  return `ssh.${name.kind}:${stable}`;
}

/**
 * The passphrases and passwords the user typed: in memory for the life of the process, and in the
 * Platform's secret store only when they asked to remember them. Nothing here is ever logged, written to
 * the connections file or sent back on the wire.
 */
export class SshCredentials implements CredentialLookup {
  /** A password being tried (by connections.unlock), answered but never kept. */
  private candidate: { readonly key: string; readonly secret: string } | undefined;

  constructor(
    private readonly store: SecretStore | undefined,
    private readonly log: (message: string) => void = () => undefined,
    private readonly memory = new Map<string, string>(),
  ) {}

  /** This vault, except that `account`'s password is `secret`: to try a password before keeping it. */
  withCandidate(account: string, secret: string): SshCredentials {
    const view = new SshCredentials(this.store, this.log, this.memory);
    view.candidate = { key: storeKey({ kind: 'password', account }), secret };
    return view;
  }

  /** Where remembered secrets live, for people ("OS keychain (libsecret)"); undefined when nowhere. */
  get storeDescription(): string | undefined {
    return this.store?.description;
  }

  passphrase(keyId: string): Promise<string | undefined> {
    return this.lookup({ kind: 'passphrase', keyId });
  }

  password(account: string): Promise<string | undefined> {
    return this.lookup({ kind: 'password', account });
  }

  async refused(account: string): Promise<void> {
    // A refused candidate was never kept: what is kept may still be right for another attempt.
    if (this.candidate?.key === storeKey({ kind: 'password', account })) return;
    await this.forget({ kind: 'password', account });
  }

  /** Keeps a checked secret for this process, and in the secret store when `remember` (that may fail: nothing is kept then). */
  async keep(name: CredentialName, secret: string, remember: boolean): Promise<void> {
    const key = storeKey(name);
    if (remember) {
      if (!this.store)
        throw new AppError(
          'UNAVAILABLE',
          'Bosun has no secret store here, so it cannot remember this; unlock without remembering.',
        );
      await this.store.set(key, secret);
    }
    this.memory.set(key, secret);
  }

  async forget(name: CredentialName): Promise<void> {
    const key = storeKey(name);
    this.memory.delete(key);
    await this.store?.delete(key).catch((error: unknown) => this.unreadable(error));
  }

  private async lookup(name: CredentialName): Promise<string | undefined> {
    const key = storeKey(name);
    if (this.candidate?.key === key) return this.candidate.secret;
    const held = this.memory.get(key);
    if (held !== undefined) return held;
    try {
      return await this.store?.get(key);
    } catch (error) {
      // A damaged or locked store must not stop a login that may not need it: the user is asked instead.
      this.unreadable(error);
      return undefined;
    }
  }

  private unreadable(error: unknown): void {
    const said = error instanceof Error ? error.message : 'unknown error';
    this.log(
      `the secret store could not be read (${said}); Bosun asks for the passphrase or password instead`,
    );
  }
}
