import { SECRET_MASK } from '../../shared/contract';

/*
 * Which environment variables count as secrets. The name is split into words (FOO_BAR, foo-bar,
 * foo.bar and fooBar all give FOO, BAR) and matched word-wise, so a word that merely contains a secret
 * word does not count:
 * - PASSWORD, PASSWD, PASSPHRASE, SECRET, CREDENTIAL anywhere (PGPASSWORD, DB_PASSWORD_FILE,
 *   GOOGLE_APPLICATION_CREDENTIALS): these never mean anything else;
 * - API_KEY/APIKEY, ACCESS_KEY, PRIVATE_KEY, and KEY or KEYS as the last word (SECRET_KEY, LICENSE_KEY,
 *   ENCRYPTION_KEY); KEY elsewhere does not count: KEYBOARD_LAYOUT, KEY_FILE, CACHE_KEY_PREFIX stay
 *   visible;
 * - a word ending in TOKEN(S) (GITHUB_TOKEN, NPMTOKEN, accessToken), but not TOKENIZERS_PARALLELISM;
 * - AUTH and DSN as whole words (BASIC_AUTH, AUTH_TOKEN, SENTRY_DSN), but not AUTHOR, OAUTH_PROVIDER;
 * - PWD as a word of a longer name (MYSQL_PWD), but not the shell's PWD or OLDPWD.
 * A false positive costs one click on "Reveal secrets"; a false negative shows a secret to whoever
 * looks at the screen, so the rules lean towards masking.
 */
const SECRET_ANYWHERE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL/;
const SECRET_WORDS = /API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|(^|_)KEYS?$|TOKENS?(_|$)|(^|_)(AUTH|DSN)(_|$)/;
const PWD_WORD = /._PWD(_|$)/;

/** FOO_BAR, foo-bar, foo.bar and fooBar all become FOO_BAR. */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Whether a variable's name says its value is a secret (see the rules above). */
export function isSecretName(name: string): boolean {
  const normalized = words(name);
  return SECRET_ANYWHERE.test(normalized) || SECRET_WORDS.test(normalized) || PWD_WORD.test(normalized);
}

// scheme://user:password@host — the authority runs to the first / ? # or blank; its user info ends at
// the last @ (passwords with an unencoded @ still come out whole).
const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)/gi;

/** The text with the password of every URL in it (scheme://user:password@host) masked, and the passwords. */
export function maskUrlPasswords(text: string): { text: string; passwords: string[] } {
  const passwords: string[] = [];
  const masked = text.replace(URL_AUTHORITY, (whole, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    if (at < 0) return whole;
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon < 0 || colon === userInfo.length - 1) return whole;
    passwords.push(userInfo.slice(colon + 1));
    return `${scheme}${userInfo.slice(0, colon + 1)}${SECRET_MASK}${authority.slice(at)}`;
  });
  return { text: masked, passwords };
}

/** One Config.Env entry (NAME=value) read for people. */
export interface EnvEntry {
  readonly name: string;
  /** The value to show: masked unless revealed. */
  readonly value: string;
  readonly secret?: 'name' | 'url';
  readonly masked: boolean;
  /** The secret values it holds (the whole value, or the URL passwords), for counting distinct secrets. */
  readonly secrets: readonly string[];
}

/** Splits NAME=value and masks a secret-named value whole, or only the passwords of URLs in it. */
export function readEnvEntry(entry: string, reveal: boolean): EnvEntry {
  const equals = entry.indexOf('=');
  const name = equals < 0 ? entry : entry.slice(0, equals);
  const value = equals < 0 ? '' : entry.slice(equals + 1);
  if (isSecretName(name) && value !== '') {
    return { name, value: reveal ? value : SECRET_MASK, secret: 'name', masked: !reveal, secrets: [value] };
  }
  const urls = maskUrlPasswords(value);
  if (urls.passwords.length > 0) {
    return {
      name,
      value: reveal ? value : urls.text,
      secret: 'url',
      masked: !reveal,
      secrets: urls.passwords,
    };
  }
  return { name, value, masked: false, secrets: [] };
}

/** The entry as Config.Env holds it, with the same masking as readEnvEntry. */
export function maskEnvEntry(entry: string): { entry: string; secret: boolean } {
  const read = readEnvEntry(entry, false);
  if (!read.secret) return { entry, secret: false };
  return { entry: entry.includes('=') ? `${read.name}=${read.value}` : read.name, secret: true };
}
