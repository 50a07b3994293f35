import { useEffect, useRef, type KeyboardEvent, type Ref, type RefObject } from 'react';
import type { LineRing, LogEntry } from './line-ring';
import type { SearchSnapshot } from './log-search';
import { LogRow } from './LogRow';
import type { ParsedLines } from './parsed-lines';

/** Row height when lines do not wrap (logs.css says the same, --log-row): those rows are never measured. */
export const ROW_HEIGHT = 18;
/** Within this many pixels of the end counts as "at the end" (follow resumes there). */
export const END_SLACK = 8;
/** Within this many rows of the top, earlier lines are paged in. */
const TOP_ROWS = 3;
/** Rows rendered beyond each edge of the view, so a fast scroll does not show blanks. */
export const OVERSCAN = 12;

export interface LogListHandle {
  /** Shows the line with `id` in the middle of the list. */
  reveal(id: number): void;
  toEnd(): void;
  /** The id of the first line in view (search starts from there). */
  topId(): number | undefined;
  focus(): void;
}

export interface LogListProps {
  readonly ring: LineRing;
  /** Changes whenever the held lines do. */
  readonly version: number;
  readonly parsed: ParsedLines;
  readonly wrap: boolean;
  readonly timestamps: boolean;
  /** Stay at the end as lines arrive. */
  readonly follow: boolean;
  readonly search: SearchSnapshot;
  /** The user scrolled away from the end (false) or back to it (true). */
  readonly onFollowChange: (follow: boolean) => void;
  /** The top was reached: page in earlier lines. */
  readonly onNearTop: () => void;
  readonly onShowFull: (entry: LogEntry) => void;
  readonly handle: Ref<LogListHandle>;
}

/**
 * Watches the scroll box: leaving the end pauses following, reaching it resumes; the top pages in
 * earlier lines. `onPosition` hears every scroll position (the fixed list anchors on it).
 */
export function useScrollWatch(
  scrollRef: RefObject<HTMLDivElement | null>,
  props: LogListProps,
  onPosition?: (scrollTop: number, viewport: number) => void,
): void {
  const latest = useRef({ props, onPosition });
  useEffect(() => {
    latest.current = { props, onPosition };
  });
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = (): void => {
      const { props: current, onPosition: report } = latest.current;
      const { scrollTop, scrollHeight, clientHeight } = element;
      const atEnd = scrollHeight - scrollTop - clientHeight <= END_SLACK;
      if (atEnd !== current.follow) current.onFollowChange(atEnd);
      report?.(scrollTop, clientHeight);
      if (scrollTop <= ROW_HEIGHT * TOP_ROWS && scrollHeight > clientHeight) current.onNearTop();
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [scrollRef]);
}

export interface ListMoves {
  by(pixels: number): void;
  toTop(): void;
  toEnd(): void;
}

/** PageUp/PageDown, arrows, Home and End on the focused list; End also resumes following. */
export function handleListKey(
  event: KeyboardEvent<HTMLDivElement>,
  moves: ListMoves,
  onFollowChange: (follow: boolean) => void,
): void {
  const element = event.currentTarget;
  // Keys in a row's button (show full line) are the button's.
  if (event.target !== element) return;
  const page = Math.max(ROW_HEIGHT, element.clientHeight - ROW_HEIGHT);
  // Moving up leaves the end: following pauses now, before the next lines would pull the view back.
  const up = (move: () => void) => () => {
    onFollowChange(false);
    move();
  };
  const actions: Record<string, () => void> = {
    PageUp: up(() => moves.by(-page)),
    PageDown: () => moves.by(page),
    ArrowUp: up(() => moves.by(-ROW_HEIGHT)),
    ArrowDown: () => moves.by(ROW_HEIGHT),
    Home: up(() => moves.toTop()),
    End: () => {
      moves.toEnd();
      onFollowChange(true);
    },
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

/** The rows of one render: the lines at `indexes`, each at its offset. */
export function renderRows(
  props: LogListProps,
  items: ReadonlyArray<{ readonly index: number; readonly top: number }>,
  measure: ((element: HTMLElement | null) => void) | undefined,
) {
  const { ring, parsed, timestamps, search, onShowFull } = props;
  const current = search.current;
  return items.map(({ index, top }) => {
    const entry = ring.at(index);
    if (!entry) return null;
    return (
      <LogRow
        key={entry.id}
        entry={entry}
        parsed={parsed.get(entry)}
        index={index}
        top={top}
        timestamps={timestamps}
        pattern={search.pattern}
        currentNth={current && current.lineId === entry.id ? current.nth : -1}
        measure={measure}
        onShowFull={onShowFull}
      />
    );
  });
}

interface LogScrollProps {
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly list: LogListProps;
  /** The height of all rows, so the scroll bar is right while only some are rendered. */
  readonly height: number;
  readonly items: ReadonlyArray<{ readonly index: number; readonly top: number }>;
  /** Wrapped rows vary in height, so each is measured once rendered. */
  readonly measure?: (element: HTMLElement | null) => void;
  /** How the keys move this list (it scrolls itself or through its virtualizer). */
  readonly moves: ListMoves;
}

/** The scroll box of either list: focusable for the keys, a list for screen readers, the rows inside. */
export function LogScroll({ scrollRef, list, height, items, measure, moves }: LogScrollProps) {
  return (
    <div
      ref={scrollRef}
      className={`log-scroll${list.wrap ? ' log-wrap' : ''}`}
      tabIndex={0}
      role="list"
      aria-label="Log lines"
      data-testid="log-list"
      onKeyDown={(event) => handleListKey(event, moves, list.onFollowChange)}
    >
      <div className="log-body" style={{ height }}>
        {renderRows(list, items, measure)}
      </div>
    </div>
  );
}
