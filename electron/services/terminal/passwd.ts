/** One line of /etc/passwd. */
export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

/** Who a session runs as, as far as the image's /etc/passwd tells. */
export interface SessionUser {
  /** The name when known (from passwd, or as given); undefined for a bare uid without an entry. */
  readonly name: string | undefined;
  /** undefined for a name that has no entry (the engine refuses such an exec). */
  readonly uid: number | undefined;
  readonly entry: PasswdEntry | undefined;
}

const ID = /^\d{1,10}$/;

/**
 * The well-formed entries of a passwd file. Anything else is skipped rather than guessed at: comments,
 * NIS `+`/`-` lines, lines without exactly seven fields or with a non-numeric uid or gid.
 */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length !== 7) continue;
    const [name, , uid, gid, , home, shell] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (name === '' || !ID.test(uid) || !ID.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), home, shell });
  }
  return entries;
}

/**
 * Resolves a user the way the engine does for `exec --user`: NAME, UID, NAME:GROUP or UID:GID (the
 * group does not change who the user is); "" is root. An all-digit user is a uid, looked up by number
 * and valid without an entry; a name is looked up by name. The first matching line wins, like getpwnam.
 */
export function resolveUser(entries: readonly PasswdEntry[], spec: string): SessionUser {
  const user = spec.split(':', 1)[0] ?? '';
  if (user === '' || ID.test(user)) {
    const uid = user === '' ? 0 : Number(user);
    const entry = entries.find((e) => e.uid === uid);
    return { name: entry?.name, uid, entry };
  }
  const entry = entries.find((e) => e.name === user);
  return { name: user, uid: entry?.uid, entry };
}
