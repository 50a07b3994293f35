export interface SearchOptions {
  /** The query is a regular expression (JavaScript syntax); plain text otherwise. */
  readonly regex: boolean;
  readonly caseSensitive: boolean;
}

export type CompiledSearch = { ok: true; pattern: RegExp } | { ok: false; message: string };

/** Matches within one line beyond this are not counted: a line of 100,000 "a"s searched for "a" stays cheap. */
export const MAX_MATCHES_PER_LINE = 1_000;

/** A query as one global pattern; an invalid regular expression says why instead of throwing. Undefined when empty. */
export function compileSearch(query: string, options: SearchOptions): CompiledSearch | undefined {
  if (query === '') return undefined;
  const flags = options.caseSensitive ? 'g' : 'gi';
  const source = options.regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return { ok: true, pattern: new RegExp(source, flags) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    return { ok: false, message: `Not a valid regular expression: ${reason || query}` };
  }
}

/**
 * The non-empty matches of a global `pattern` in `text`, as [start, end) pairs. Empty matches (`a*`,
 * `^`) are skipped so the search always moves on.
 */
export function findRanges(
  pattern: RegExp,
  text: string,
  limit = MAX_MATCHES_PER_LINE,
): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  pattern.lastIndex = 0;
  while (ranges.length < limit) {
    const match = pattern.exec(text);
    if (!match) break;
    const end = match.index + match[0].length;
    if (end === match.index) {
      pattern.lastIndex = match.index + 1;
      if (pattern.lastIndex > text.length) break;
      continue;
    }
    ranges.push([match.index, end]);
  }
  pattern.lastIndex = 0;
  return ranges;
}

/** How many non-empty matches `text` has (at most the per-line limit). */
export function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  // The usual line has none: one test() is cheaper than collecting ranges.
  if (!pattern.test(text)) {
    pattern.lastIndex = 0;
    return 0;
  }
  return findRanges(pattern, text).length;
}
