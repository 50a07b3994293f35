/*
 * A JSON value as the lines JSON.stringify(value, null, 2) prints, each cut into coloured tokens, with
 * the lines that open an object or array knowing where they close (to fold them). Search runs on the
 * same text, so a match is exactly what Copy puts on the clipboard.
 */

export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

export interface JsonLine {
  readonly depth: number;
  readonly tokens: readonly Token[];
  /** A line that opens a non-empty object or array: the index of the line that closes it. */
  readonly end?: number;
  /** What a folded line says it hides: "12 keys", "3 items". */
  readonly size?: string;
  /** Where the line sits ("Config.Env"), to name its fold toggle. */
  readonly path: string;
}

const INDENT = '  ';

export function lineText(line: JsonLine): string {
  return line.tokens.map((token) => token.text).join('');
}

/** The text of a line as printed, indentation included (what Copy has on that line). */
export function printedLine(line: JsonLine): string {
  return INDENT.repeat(line.depth) + lineText(line);
}

function scalar(value: unknown): Token {
  if (typeof value === 'string') return { kind: 'string', text: JSON.stringify(value) };
  if (typeof value === 'number') return { kind: 'number', text: JSON.stringify(value) };
  return { kind: 'literal', text: JSON.stringify(value) ?? 'null' };
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** The lines of `value`, pretty-printed with two spaces like JSON.stringify(value, null, 2). */
export function jsonLines(value: unknown): JsonLine[] {
  const lines: JsonLine[] = [];
  const emit = (item: unknown, depth: number, prefix: Token[], comma: boolean, path: string): void => {
    const tail: Token[] = comma ? [{ kind: 'punct', text: ',' }] : [];
    const isArray = Array.isArray(item);
    if (typeof item !== 'object' || item === null) {
      lines.push({ depth, tokens: [...prefix, scalar(item), ...tail], path });
      return;
    }
    const children: [string, unknown][] = isArray
      ? item.map((child, index) => [String(index), child])
      : Object.entries(item as Record<string, unknown>);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (children.length === 0) {
      lines.push({ depth, tokens: [...prefix, { kind: 'punct', text: open + close }, ...tail], path });
      return;
    }
    const at = lines.length;
    lines.push({ depth, tokens: [...prefix, { kind: 'punct', text: open }], path });
    children.forEach(([key, child], index) => {
      const childPrefix: Token[] = isArray
        ? []
        : [
            { kind: 'key', text: JSON.stringify(key) },
            { kind: 'punct', text: ': ' },
          ];
      const childPath = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      emit(child, depth + 1, childPrefix, index < children.length - 1, childPath);
    });
    lines.push({ depth, tokens: [{ kind: 'punct', text: close }, ...tail], path });
    lines[at] = {
      ...lines[at]!,
      end: lines.length - 1,
      size: isArray ? plural(children.length, 'item', 'items') : plural(children.length, 'key', 'keys'),
    };
  };
  emit(value, 0, [], false, '');
  return lines;
}

/**
 * The lines on screen, top to bottom: a folded line stands for everything up to its closing line.
 * Folds are kept by path ("Config.Env"), so they survive a re-read of a document that changed.
 */
export function visibleLines(lines: readonly JsonLine[], folded: ReadonlySet<string>): number[] {
  const shown: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    shown.push(index);
    const line = lines[index]!;
    if (line.end !== undefined && folded.has(line.path)) index = line.end;
  }
  return shown;
}

export interface Match {
  readonly line: number;
  /** Offsets in lineText(line) (indentation excluded). */
  readonly start: number;
  readonly end: number;
}

/** The most matches counted and highlighted: beyond this the count says "10,000+". */
export const MAX_MATCHES = 10_000;

/** Every occurrence of `query` (plain text, any case), in reading order. */
export function findMatches(lines: readonly JsonLine[], query: string): Match[] {
  if (!query) return [];
  const needle = query.toLowerCase();
  const matches: Match[] = [];
  for (let line = 0; line < lines.length && matches.length < MAX_MATCHES; line++) {
    const haystack = lineText(lines[line]!).toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      matches.push({ line, start: at, end: at + needle.length });
      if (matches.length >= MAX_MATCHES) break;
    }
  }
  return matches;
}

/** The folds (paths) that hide line `target`: unfold them to show it. */
export function foldsHiding(
  lines: readonly JsonLine[],
  folded: ReadonlySet<string>,
  target: number,
): string[] {
  const hiding: string[] = [];
  for (let index = 0; index < target; index++) {
    const line = lines[index]!;
    if (line.end !== undefined && line.end >= target && folded.has(line.path)) hiding.push(line.path);
  }
  return hiding;
}

/** Every fold (path) there is, for "Collapse all", except the outermost one. */
export function foldablePaths(lines: readonly JsonLine[]): string[] {
  return lines.flatMap((line, index) => (line.end !== undefined && index > 0 ? [line.path] : []));
}
