import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { LogScroll, OVERSCAN, ROW_HEIGHT, useScrollWatch, type LogListProps } from './log-list-shared';

/** The view's height until it is known: tall enough for any pane, so no row is missing meanwhile. */
const ASSUMED_VIEWPORT = 1_200;

/** Where the reader is: the line at the top of the view and how far it is scrolled past. */
interface Anchor {
  readonly id: number;
  readonly offset: number;
}

/**
 * Unwrapped lines, one fixed height each: the rows in view follow from the scroll position by
 * arithmetic, so an update costs the same whatever the buffer holds and nothing is measured. The
 * position is kept as the line at the top of the view, so lines prepended (paging back) or dropped at
 * the front leave the reader where they were; while following, the view sits at the end.
 */
export function FixedLogList(props: LogListProps) {
  const { ring, version, follow, handle } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [anchor, setAnchor] = useState<Anchor | undefined>();
  const [viewport, setViewport] = useState(ASSUMED_VIEWPORT);

  const count = ring.length;
  const total = count * ROW_HEIGHT;
  const endTop = Math.max(0, total - viewport);
  const anchorIndex = anchor ? ring.indexOf(anchor.id) : -1;
  // Following: the end. Otherwise where the anchor line is now (it may have moved as lines came or went).
  const scrollTop = follow
    ? endTop
    : anchorIndex >= 0
      ? Math.min(anchorIndex * ROW_HEIGHT + (anchor?.offset ?? 0), endTop)
      : Math.min(endTop, 0);

  const anchorAt = (top: number): void => {
    const index = Math.min(ring.length - 1, Math.max(0, Math.floor(top / ROW_HEIGHT)));
    const entry = ring.at(index);
    setAnchor(entry ? { id: entry.id, offset: top - index * ROW_HEIGHT } : undefined);
  };
  useScrollWatch(scrollRef, props, (top, height) => {
    anchorAt(top);
    setViewport(height);
  });

  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The box follows the position computed above (the browser clamps it to what can be scrolled).
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (follow) element.scrollTop = element.scrollHeight;
    else if (anchorIndex >= 0 && Math.abs(element.scrollTop - scrollTop) >= 1) element.scrollTop = scrollTop;
  }, [follow, scrollTop, anchorIndex, version]);

  const moveTo = (top: number): void => {
    const element = scrollRef.current;
    const clamped = Math.max(0, Math.min(top, endTop));
    anchorAt(clamped);
    if (element) element.scrollTop = clamped;
  };
  useImperativeHandle(handle, () => ({
    reveal: (id) => {
      const index = ring.indexOf(id);
      if (index >= 0) moveTo(index * ROW_HEIGHT - (viewport - ROW_HEIGHT) / 2);
    },
    toEnd: () => moveTo(endTop),
    topId: () => ring.at(Math.floor(scrollTop / ROW_HEIGHT))?.id ?? ring.first()?.id,
    focus: () => scrollRef.current?.focus(),
  }));

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const items = [];
  for (let index = first; index < last; index++) items.push({ index, top: index * ROW_HEIGHT });
  return (
    <LogScroll
      scrollRef={scrollRef}
      list={props}
      height={total}
      items={items}
      moves={{
        by: (pixels) => moveTo(scrollTop + pixels),
        toTop: () => moveTo(0),
        toEnd: () => moveTo(endTop),
      }}
    />
  );
}
