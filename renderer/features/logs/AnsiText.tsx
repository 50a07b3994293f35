import { memo } from 'react';
import type { AnsiSpan } from './ansi';
import { spanProps } from './ansi-style';
import { highlight } from './highlight';

interface AnsiTextProps {
  readonly spans: readonly AnsiSpan[];
  /** Search matches over the spans' text, as [start, end) pairs. */
  readonly ranges?: ReadonlyArray<readonly [number, number]>;
  /** Which of the ranges is the selected match (-1: none). */
  readonly currentNth?: number;
}

/** Styled text as React elements: spans with classes and inline colours, matches in <mark>. Never HTML. */
export const AnsiText = memo(function AnsiText({ spans, ranges = [], currentNth = -1 }: AnsiTextProps) {
  return highlight(spans, ranges, currentNth).map((piece, i) => {
    const { className, style } = spanProps(piece.style);
    if (piece.mark) {
      const markClass = piece.mark === 'current' ? 'log-match log-match-current' : 'log-match';
      return (
        <mark key={i} className={className ? `${markClass} ${className}` : markClass} style={style}>
          {piece.text}
        </mark>
      );
    }
    if (!className && !style) return piece.text;
    return (
      <span key={i} className={className} style={style}>
        {piece.text}
      </span>
    );
  });
});
