import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  /** `@revoked` keys are refused for every host they name; `@cert-authority` lines are skipped at parse. */
  readonly revoked: boolean;
  /** Comma-separated patterns (`host`, `[host]:port`, wildcards, `!negation`), or one hashed name. */
  readonly hosts: readonly string[] | { readonly salt: Buffer; readonly hash: Buffer };
  readonly keyType: string;
  /** The raw public key blob (the base64 field, decoded). */
  readonly key: Buffer;
}

/** What a known_hosts lookup says about the key a server presented. */
export type HostKeyVerdict =
  | { readonly status: 'known' }
  | { readonly status: 'unknown' }
  /** A different key of the same type is on record, or the presented key is revoked. */
  | { readonly status: 'changed'; readonly revoked: boolean; readonly expected?: string };

/** How OpenSSH names a host in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return port === 22 ? bare : `[${bare}]:${port}`;
}

/** The SHA256 fingerprint of a key blob as OpenSSH prints it: `SHA256:` base64, no padding. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name a key blob starts with (an SSH string: uint32 length, then the name). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length === 0 || length > 64 || key.length < 4 + length) return 'unknown';
  return key.subarray(4, 4 + length).toString('latin1');
}

function parseLine(raw: string): KnownHostEntry | undefined {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const fields = line.split(/\s+/);
  let revoked = false;
  if (fields[0]?.startsWith('@')) {
    const marker = fields.shift();
    // A CA line vouches for certificates, which Bosun does not use: it says nothing about plain keys.
    if (marker !== '@revoked') return undefined;
    revoked = true;
  }
  const [names, keyType, base64] = fields;
  if (!names || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  if (keyTypeOf(key) !== keyType) return undefined;
  const hashed = /^\|1\|([A-Za-z0-9+/]+=*)\|([A-Za-z0-9+/]+=*)$/.exec(names);
  if (hashed) {
    const hosts = { salt: Buffer.from(hashed[1]!, 'base64'), hash: Buffer.from(hashed[2]!, 'base64') };
    return { revoked, hosts, keyType, key };
  }
  if (names.startsWith('|')) return undefined;
  return { revoked, hosts: names.toLowerCase().split(','), keyType, key };
}

/** Parses known_hosts text; lines Bosun cannot read (other hash formats, broken keys) are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  return text.split(/\r?\n/).flatMap((line) => parseLine(line) ?? []);
}

function glob(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}

/** Whether an entry names this host token (OpenSSH semantics: a matching `!pattern` excludes). */
export function entryMatches(entry: KnownHostEntry, token: string): boolean {
  const { hosts } = entry;
  if (!Array.isArray(hosts)) {
    const { salt, hash } = hosts as { salt: Buffer; hash: Buffer };
    const mine = createHmac('sha1', salt).update(token).digest();
    return mine.length === hash.length && timingSafeEqual(mine, hash);
  }
  let matched = false;
  for (const pattern of hosts) {
    if (pattern.startsWith('!')) {
      if (glob(pattern.slice(1), token)) return false;
    } else if (glob(pattern, token)) matched = true;
  }
  return matched;
}

/**
 * Checks a presented key against entries: revoked anywhere → changed; the same key recorded for this
 * host → known; another key of the same type recorded → changed; otherwise unknown (keys of other
 * types alone do not vouch for this one, as in OpenSSH).
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  key: Buffer,
): HostKeyVerdict {
  const token = hostToken(host, port);
  if (entries.some((entry) => entry.revoked && entry.key.equals(key)))
    return { status: 'changed', revoked: true };
  const mine = entries.filter((entry) => !entry.revoked && entryMatches(entry, token));
  if (mine.some((entry) => entry.key.equals(key))) return { status: 'known' };
  const type = keyTypeOf(key);
  const sameType = mine.find((entry) => entry.keyType === type);
  if (sameType) return { status: 'changed', revoked: false, expected: fingerprint(sameType.key) };
  return { status: 'unknown' };
}

/** Key types on record for a host, so the handshake can ask the server for one of those first. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const token = hostToken(host, port);
  const types = entries.filter((entry) => !entry.revoked && entryMatches(entry, token)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** The known_hosts line Bosun writes for an accepted key. */
export function formatEntry(host: string, port: number, key: Buffer): string {
  return `${hostToken(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}`;
}
