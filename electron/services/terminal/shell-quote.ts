/** Characters no POSIX shell treats specially, so a word made only of them needs no quotes. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for a POSIX shell (sh, dash, ash, bash, zsh): single quotes keep every byte literal, and a
 * single quote inside is closed, escaped and reopened ('\''). Newlines and control bytes stay literal.
 */
export function shellQuote(word: string): string {
  if (PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line whose words the shell splits back exactly into `argv`. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
