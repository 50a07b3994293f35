import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import {
  checkHostKey,
  fingerprint,
  formatEntry,
  hostToken,
  keyTypeOf,
  knownKeyTypes,
  parseKnownHosts,
  type KnownHostEntry,
} from './known-hosts';

export interface KnownHostsFiles {
  /** Read only: the user's OpenSSH file (`~/.ssh/known_hosts`). */
  readonly openssh: readonly string[];
  /** Bosun's own file in its data dir: read, and where accepted keys are appended (mode 0600). */
  readonly bosun: string;
}

/** Refuses a key with HOST_KEY_UNKNOWN / HOST_KEY_CHANGED, details carrying what a person must compare. */
export function hostKeyError(
  verdict: 'unknown' | 'changed',
  host: string,
  port: number,
  key: Buffer,
  extra: { revoked?: boolean; expected?: string; files?: readonly string[] } = {},
): AppError {
  const print = fingerprint(key);
  const keyType = keyTypeOf(key);
  const where = hostToken(host, port);
  const details = { host: where, fingerprint: print, keyType, reason: '', hint: '' };
  if (verdict === 'unknown') {
    const reason = `The SSH host key of ${where} is not known yet (${keyType} ${print}).`;
    const hint = `Compare that fingerprint with the server's (ssh-keygen -lf /etc/ssh/ssh_host_${keyType.replace(/^ssh-/, '')}_key.pub on it); if it matches, accept exactly that fingerprint.`;
    return new AppError('HOST_KEY_UNKNOWN', `${reason} ${hint}`, { ...details, reason, hint });
  }
  const reason = extra.revoked
    ? `The SSH host key of ${where} (${keyType} ${print}) is marked @revoked in known_hosts.`
    : `The SSH host key of ${where} has CHANGED: it is now ${keyType} ${print}, but ${extra.expected ?? 'another key'} is on record. Someone may be intercepting the connection.`;
  const hint = `Bosun refuses it. If the server was really reinstalled, confirm its new fingerprint with its administrator, then remove the old entry (ssh-keygen -R '${where}'${extra.files?.length ? ` -f <file>; files: ${extra.files.join(', ')}` : ''}) and connect again.`;
  return new AppError('HOST_KEY_CHANGED', `${reason} ${hint}`, {
    ...details,
    reason,
    hint,
    ...(extra.expected ? { expected: extra.expected } : {}),
  });
}

/**
 * The host keys Bosun trusts: the user's known_hosts plus Bosun's own file. Files are read on every
 * check (a handshake is rare; an edit made in a terminal counts at once).
 */
export class KnownHostsStore {
  // Fingerprints the user accepted for a host:port (connections.add with acceptHostKey), not yet seen.
  private readonly approved = new Map<string, string>();

  constructor(private readonly files: KnownHostsFiles) {}

  /** Accept this exact fingerprint for host:port the next time it is presented; written down then. */
  approve(host: string, port: number, print: string): void {
    this.approved.set(hostToken(host, port), print);
  }

  async entries(): Promise<KnownHostEntry[]> {
    const texts = await Promise.all([...this.files.openssh, this.files.bosun].map(readOptional));
    return texts.flatMap(parseKnownHosts);
  }

  /** Key types recorded for a host, to ask the server for those first. */
  async preferredTypes(host: string, port: number): Promise<string[]> {
    return knownKeyTypes(await this.entries(), host, port);
  }

  /** Resolves when the key is trusted (known, or approved and now recorded); rejects with HOST_KEY_*. */
  async verify(host: string, port: number, key: Buffer): Promise<void> {
    const verdict = checkHostKey(await this.entries(), host, port, key);
    if (verdict.status === 'known') return;
    if (verdict.status === 'changed') {
      throw hostKeyError('changed', host, port, key, {
        revoked: verdict.revoked,
        files: [...this.files.openssh, this.files.bosun],
        ...(verdict.expected ? { expected: verdict.expected } : {}),
      });
    }
    const token = hostToken(host, port);
    if (this.approved.get(token) !== fingerprint(key)) throw hostKeyError('unknown', host, port, key);
    await this.record(host, port, key);
    this.approved.delete(token);
  }

  private async record(host: string, port: number, key: Buffer): Promise<void> {
    const path = this.files.bosun;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await appendFile(path, `${formatEntry(host, port, key)}\n`, { mode: 0o600 });
      await chmod(path, 0o600);
    } catch (error) {
      throw new AppError(
        'UNAVAILABLE',
        `Bosun could not record the accepted host key in ${path} (${(error as NodeJS.ErrnoException).code ?? 'write failed'}). Check the permissions of its data directory, then try again.`,
      );
    }
  }
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '';
    throw new AppError(
      'UNAVAILABLE',
      `Bosun cannot read the known-hosts file ${path} (${code}), so it cannot check SSH host keys.`,
      { hint: 'Check that file’s permissions.' },
    );
  }
}
