import { shellJoin } from '../terminal/shell-quote';
import { maskUrlPasswords } from './secrets';

/** A summary value longer than this is cut: a summary is for reading, the raw document has it whole. */
export const MAX_VALUE_CHARS = 4096;
/** The most entries a summary list (env, labels, mounts…) shows. */
export const MAX_LIST_ITEMS = 500;

/**
 * What building one summary shares: whether secrets are revealed, how many were found, and the notes
 * about anything left out, so every cut is said once rather than silently made.
 */
export class SummaryContext {
  private readonly found = new Set<string>();
  private readonly notes = new Set<string>();

  constructor(readonly reveal: boolean) {}

  /** Distinct secret values seen: one password in the env and in the command counts once. */
  get secrets(): number {
    return this.found.size;
  }

  secret(values: readonly string[]): void {
    for (const value of values) this.found.add(value);
  }

  note(text: string): void {
    this.notes.add(text);
  }

  allNotes(): string[] {
    return [...this.notes];
  }

  /** The value cut to MAX_VALUE_CHARS, saying how much was left out. */
  clip(value: string): string {
    if (value.length <= MAX_VALUE_CHARS) return value;
    this.note(
      `Values longer than ${MAX_VALUE_CHARS.toLocaleString('en-US')} characters are cut here; the raw JSON has them whole.`,
    );
    const left = value.length - MAX_VALUE_CHARS;
    return `${value.slice(0, MAX_VALUE_CHARS)}… (${left.toLocaleString('en-US')} more characters)`;
  }

  /** The first MAX_LIST_ITEMS items, with a note naming the list when more were left out. */
  limit<T>(items: readonly T[], what: string): T[] {
    if (items.length <= MAX_LIST_ITEMS) return [...items];
    this.note(
      `Only the first ${MAX_LIST_ITEMS} of ${items.length.toLocaleString('en-US')} ${what} are listed here; the raw JSON has them all.`,
    );
    return items.slice(0, MAX_LIST_ITEMS);
  }

  /** A command word with the passwords of URLs in it masked (unless revealed), counted as secrets. */
  word(value: string): string {
    const masked = maskUrlPasswords(value);
    this.secret(masked.passwords);
    return this.reveal ? value : masked.text;
  }

  /** An argv and its shell line, URL passwords masked, each word clipped. */
  argv(words: readonly string[]): { argv: string[]; line: string } {
    const argv = words.map((word) => this.clip(this.word(word)));
    return { argv, line: this.clip(shellJoin(argv)) };
  }
}
