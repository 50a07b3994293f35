import { memo, type ReactNode } from 'react';
import type { JsonLine, Match, Token } from './json-lines';

interface JsonLineViewProps {
  readonly line: JsonLine;
  /** The closing line, when this line is folded: shown after an ellipsis on the same row. */
  readonly closing: JsonLine | undefined;
  readonly matches: readonly Match[];
  /** The match the search is on, when it is on this line. */
  readonly current: Match | undefined;
  /** The line's index, handed to onToggle (one stable callback keeps untouched lines from re-rendering). */
  readonly index: number;
  readonly onToggle: (index: number) => void;
}

function marked(
  token: Token,
  offset: number,
  matches: readonly Match[],
  current: Match | undefined,
): ReactNode {
  const start = offset;
  const end = offset + token.text.length;
  const inside = matches.filter((m) => m.start < end && m.end > start);
  if (inside.length === 0) return token.text;
  const parts: ReactNode[] = [];
  let at = start;
  for (const match of inside) {
    const from = Math.max(match.start, start);
    const to = Math.min(match.end, end);
    if (from > at) parts.push(token.text.slice(at - start, from - start));
    const isCurrent = match === current;
    parts.push(
      <mark
        key={from}
        className={isCurrent ? 'json-match json-match-current' : 'json-match'}
        data-current-match={isCurrent || undefined}
      >
        {token.text.slice(from - start, to - start)}
      </mark>,
    );
    at = to;
  }
  if (at < end) parts.push(token.text.slice(at - start));
  return parts;
}

function tokens(line: JsonLine, matches: readonly Match[], current: Match | undefined): ReactNode[] {
  let offset = 0;
  return line.tokens.map((token, index) => {
    const node = (
      <span key={index} className={`json-${token.kind}`}>
        {marked(token, offset, matches, current)}
      </span>
    );
    offset += token.text.length;
    return node;
  });
}

/** One line of the raw JSON: indentation, coloured tokens (spans, never HTML), highlighted matches. */
export const JsonLineView = memo(function JsonLineView({
  line,
  closing,
  matches,
  current,
  index,
  onToggle,
}: JsonLineViewProps) {
  const name = line.path || 'the document';
  return (
    <div className="json-line">
      <span className="json-gutter">
        {line.end !== undefined ? (
          <button
            type="button"
            className="json-toggle"
            aria-expanded={!closing}
            aria-label={closing ? `Expand ${name}` : `Collapse ${name}`}
            onClick={() => onToggle(index)}
          >
            {closing ? '▸' : '▾'}
          </button>
        ) : null}
      </span>
      <span className="json-text">
        {'  '.repeat(line.depth)}
        {tokens(line, matches, current)}
        {closing ? (
          <>
            <span className="json-folded"> … {line.size} … </span>
            {closing.tokens.map((token, index) => (
              <span key={index} className={`json-${token.kind}`}>
                {token.text}
              </span>
            ))}
          </>
        ) : null}
      </span>
    </div>
  );
});
