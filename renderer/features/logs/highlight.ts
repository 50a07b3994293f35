import type { AnsiSpan, AnsiStyle } from './ansi';

export type Mark = 'match' | 'current' | undefined;

export interface Piece {
  readonly text: string;
  readonly style: AnsiStyle | undefined;
  readonly mark: Mark;
}

/**
 * Cuts styled spans at the edges of search matches (ranges over the spans' joined text), marking the
 * pieces inside a match; the `currentNth` match of the line is the selected one.
 */
export function highlight(
  spans: readonly AnsiSpan[],
  ranges: ReadonlyArray<readonly [number, number]>,
  currentNth: number,
): Piece[] {
  if (ranges.length === 0) return spans.map((s) => ({ text: s.text, style: s.style, mark: undefined }));
  const pieces: Piece[] = [];
  let offset = 0;
  let r = 0;
  for (const span of spans) {
    const spanEnd = offset + span.text.length;
    let at = offset;
    while (at < spanEnd) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= spanEnd) {
        pieces.push({ text: span.text.slice(at - offset), style: span.style, mark: undefined });
        break;
      }
      if (range[0] > at) {
        pieces.push({
          text: span.text.slice(at - offset, range[0] - offset),
          style: span.style,
          mark: undefined,
        });
        at = range[0];
      }
      const end = Math.min(range[1], spanEnd);
      pieces.push({
        text: span.text.slice(at - offset, end - offset),
        style: span.style,
        mark: r === currentNth ? 'current' : 'match',
      });
      at = end;
    }
    offset = spanEnd;
  }
  return pieces;
}
