import { memo, useMemo } from 'react';
import type { ParsedAnsi } from './ansi';
import { AnsiText } from './AnsiText';
import type { LogEntry } from './line-ring';
import { formatLogTime } from './log-time';
import { findRanges } from './search-query';

interface LogRowProps {
  readonly entry: LogEntry;
  readonly parsed: ParsedAnsi;
  readonly index: number;
  readonly top: number;
  readonly timestamps: boolean;
  readonly pattern: RegExp | undefined;
  /** Which match of this line is the selected one; -1 when it is elsewhere. */
  readonly currentNth: number;
  /** The virtualizer's measuring ref when rows wrap (their height varies); fixed rows need none. */
  readonly measure: ((element: HTMLElement | null) => void) | undefined;
  readonly onShowFull: (entry: LogEntry) => void;
}

/** One log line: a gutter that marks stderr, the time if asked, the styled text (capped), matches marked. */
export const LogRow = memo(function LogRow({
  entry,
  parsed,
  index,
  top,
  timestamps,
  pattern,
  currentNth,
  measure,
  onShowFull,
}: LogRowProps) {
  const ranges = useMemo(
    () => (pattern ? findRanges(pattern, parsed.spans.map((s) => s.text).join('')) : undefined),
    [pattern, parsed],
  );
  const stderr = entry.stream === 'stderr';
  return (
    <div
      ref={measure}
      role="listitem"
      className={`log-row${stderr ? ' log-row-stderr' : ''}${currentNth >= 0 ? ' log-row-current' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
      data-testid="log-line"
      data-stream={entry.stream}
    >
      {stderr ? (
        <span className="log-gutter" role="img" aria-label="stderr" title="stderr" />
      ) : (
        <span className="log-gutter" aria-hidden="true" />
      )}
      {timestamps ? (
        <span className="log-time" data-testid="log-time">
          {formatLogTime(entry.time)}
        </span>
      ) : null}
      <span className="log-text">
        <AnsiText spans={parsed.spans} ranges={ranges} currentNth={currentNth} />
      </span>
      {parsed.total > parsed.shown ? (
        <button type="button" className="log-more" onClick={() => onShowFull(entry)}>
          show full line ({parsed.total.toLocaleString()} chars)
        </button>
      ) : null}
    </div>
  );
});
