/** A palette index (0–255) or a truecolor `#rrggbb`. */
export type AnsiColor = number | string;

/** What SGR sequences set; absent means the default. Objects are shared and never mutated. */
export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: true;
  readonly dim?: true;
  readonly italic?: true;
  readonly underline?: true;
  readonly inverse?: true;
  readonly strike?: true;
}

export interface AnsiSpan {
  readonly text: string;
  /** Undefined for plain text (the common case: no object per span). */
  readonly style: AnsiStyle | undefined;
}

export interface ParsedAnsi {
  readonly spans: readonly AnsiSpan[];
  /** The visible characters the spans hold (at most the cap). */
  readonly shown: number;
  /** The visible characters of the whole line, escapes removed. */
  readonly total: number;
}

const ESC = 0x1b;
const BEL = 0x07;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Characters that are neither text nor escapes (NUL, CR, …) would draw as boxes: they are dropped; TAB stays. */
function isDroppedControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

/** Whether the text has an escape or another control character (most log lines have none). */
function hasControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 ? code !== 0x09 : code === 0x7f) return true;
  }
  return false;
}

/**
 * Where the escape sequence starting at `at` (an ESC) ends, exclusive: CSI up to its final byte, OSC
 * up to BEL or ST, DCS/SOS/PM/APC up to ST, and two- or three-byte escapes. An unfinished sequence
 * runs to the end of the text.
 */
function escapeEnd(text: string, at: number): { end: number; sgr?: string } {
  const kind = text.charCodeAt(at + 1);
  if (Number.isNaN(kind)) return { end: text.length };
  if (kind === 0x5b /* [ */) {
    for (let i = at + 2; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x40 && code <= 0x7e) {
        return code === 0x6d /* m */ ? { end: i + 1, sgr: text.slice(at + 2, i) } : { end: i + 1 };
      }
      // Anything outside parameter and intermediate bytes breaks the sequence: it ends there.
      if (code < 0x20 || code > 0x3f) return { end: i };
    }
    return { end: text.length };
  }
  if (
    kind === 0x5d /* ] OSC */ ||
    kind === 0x50 /* P DCS */ ||
    kind === 0x58 ||
    kind === 0x5e ||
    kind === 0x5f
  ) {
    for (let i = at + 2; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === BEL && kind === 0x5d) return { end: i + 1 };
      if (code === ESC && text.charCodeAt(i + 1) === 0x5c /* \ */) return { end: i + 2 };
    }
    return { end: text.length };
  }
  // ESC + intermediates (0x20–0x2f) + one final byte: charset selection and the like.
  let i = at + 1;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  return { end: Math.min(i + 1, text.length) };
}

/** `38;5;n` / `38;2;r;g;b` and their colon forms (`38:2::r:g:b`); undefined when malformed. */
function extendedColor(params: readonly string[], at: number): { color?: AnsiColor; used: number } {
  const head = params[at] ?? '';
  if (head.includes(':')) {
    const sub = head.split(':').map((p) => (p === '' ? NaN : Number(p)));
    if (sub[1] === 5) return { color: paletteIndex(sub[2]), used: 1 };
    if (sub[1] === 2) {
      // With a colour-space id the components come after it (38:2:id:r:g:b); without, directly (38:2:r:g:b).
      const rgb = sub.length >= 6 ? sub.slice(3, 6) : sub.slice(2, 5);
      return { color: rgbColor(rgb), used: 1 };
    }
    return { used: 1 };
  }
  const mode = Number(params[at + 1]);
  if (mode === 5) return { color: paletteIndex(Number(params[at + 2])), used: 3 };
  if (mode === 2) return { color: rgbColor(params.slice(at + 2, at + 5).map(Number)), used: 5 };
  return { used: 1 };
}

function paletteIndex(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
}

function rgbColor(parts: readonly number[]): string | undefined {
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
}

/** Applies one SGR parameter list to a style, returning the new style (undefined = all defaults). */
export function applySgr(style: AnsiStyle | undefined, paramText: string): AnsiStyle | undefined {
  const params = paramText === '' ? ['0'] : paramText.split(';');
  const next: Mutable<AnsiStyle> = { ...style };
  for (let i = 0; i < params.length; i++) {
    const raw = params[i] ?? '';
    const code = raw === '' ? 0 : Number(raw.split(':')[0]);
    if (code === 38 || code === 48) {
      const { color, used } = extendedColor(params, i);
      i += used - 1;
      if (color !== undefined) next[code === 38 ? 'fg' : 'bg'] = color;
      continue;
    }
    if (code === 0) for (const key of Object.keys(next)) delete next[key as keyof AnsiStyle];
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) {
      // 4:0 turns underline off; 4:1…4:5 are its styles (curly, dotted…), drawn as one underline.
      if (raw === '4:0') delete next.underline;
      else next.underline = true;
    } else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strike;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code === 49) delete next.bg;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
  }
  return Object.keys(next).length === 0 ? undefined : next;
}

/**
 * Splits a log line into styled spans: SGR sequences become styles, every other escape sequence (cursor
 * moves, OSC titles and links) and stray control characters are dropped. At most `maxChars` visible
 * characters are kept in spans, so a 100,000-character line costs one scan and a 2,000-character render;
 * `total` still counts them all.
 */
export function parseAnsi(text: string, maxChars = Number.POSITIVE_INFINITY): ParsedAnsi {
  // Most log lines have no escapes and no control characters: one span, no copying.
  if (!hasControls(text)) {
    const shown = Math.min(text.length, maxChars);
    const spans =
      shown === 0 ? [] : [{ text: shown === text.length ? text : text.slice(0, shown), style: undefined }];
    return { spans, shown, total: text.length };
  }
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle | undefined;
  let shown = 0;
  let total = 0;
  let runStart = 0;
  let run = '';

  const flush = (): void => {
    if (run === '') return;
    const last = spans[spans.length - 1];
    if (last && last.style === style) spans[spans.length - 1] = { text: last.text + run, style };
    else spans.push({ text: run, style });
    run = '';
  };
  // Takes text[runStart, end) as visible, within the cap.
  const take = (end: number): void => {
    const length = end - runStart;
    total += length;
    const room = maxChars - shown;
    if (room > 0 && length > 0) {
      const kept = Math.min(room, length);
      run += text.slice(runStart, runStart + kept);
      shown += kept;
    }
  };

  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === ESC) {
      take(i);
      const { end, sgr } = escapeEnd(text, i);
      if (sgr !== undefined && shown < maxChars) {
        flush();
        style = applySgr(style, sgr);
      }
      i = end;
      runStart = i;
    } else if (isDroppedControl(code)) {
      take(i);
      i++;
      runStart = i;
    } else {
      i++;
    }
  }
  take(text.length);
  flush();
  return { spans, shown, total };
}

/** The line as it reads on screen: escapes and control characters removed. */
export function stripAnsi(text: string): string {
  if (!hasControls(text)) return text;
  return parseAnsi(text)
    .spans.map((s) => s.text)
    .join('');
}
