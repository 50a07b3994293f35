import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import {
  END_SLACK,
  LogScroll,
  OVERSCAN,
  ROW_HEIGHT,
  useScrollWatch,
  type LogListProps,
} from './log-list-shared';

/** Measured heights of lines no longer held are forgotten once there are this many of them. */
const SIZE_CACHE_SLACK = 5_000;

/**
 * Wrapped lines, whose heights vary: TanStack Virtual measures the rows it renders and, anchored to
 * the end (its chat mode), keeps the end in view while following and the line being read in place
 * when lines are prepended (paging back) or dropped at the front.
 */
export function WrappedLogList(props: LogListProps) {
  const { ring, version, timestamps, follow, handle } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => ring.at(index)?.id ?? index, [ring]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only.
  const virtualizer = useVirtualizer({
    count: ring.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: OVERSCAN,
    anchorTo: 'end',
    followOnAppend: follow,
    scrollEndThreshold: END_SLACK,
  });

  // Showing timestamps changes the width left for text, so every height: measure again.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, timestamps]);

  // The virtualizer keeps the height of every row it ever measured: while a long log is followed,
  // forget those of lines that left the buffer, so memory stays bounded.
  useLayoutEffect(() => {
    const sizes = virtualizer.itemSizeCache;
    if (sizes.size <= ring.length + SIZE_CACHE_SLACK) return;
    const first = ring.first()?.id ?? 0;
    const last = ring.last()?.id ?? -1;
    for (const key of sizes.keys()) {
      if (typeof key !== 'number' || key < first || key > last) sizes.delete(key);
    }
  }, [virtualizer, ring, version]);

  useLayoutEffect(() => {
    if (follow) virtualizer.scrollToEnd();
  }, [virtualizer, follow, version]);

  useScrollWatch(scrollRef, props);

  useImperativeHandle(
    handle,
    () => ({
      reveal: (id) => {
        const index = ring.indexOf(id);
        if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
      },
      toEnd: () => virtualizer.scrollToEnd(),
      topId: () => {
        const item = virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0);
        return item ? ring.at(item.index)?.id : ring.first()?.id;
      },
      focus: () => scrollRef.current?.focus(),
    }),
    [ring, virtualizer],
  );

  const items = virtualizer.getVirtualItems().map((item) => ({ index: item.index, top: item.start }));
  return (
    <LogScroll
      scrollRef={scrollRef}
      list={props}
      height={virtualizer.getTotalSize()}
      items={items}
      measure={virtualizer.measureElement}
      moves={{
        by: (pixels) => virtualizer.scrollBy(pixels),
        toTop: () => virtualizer.scrollToOffset(0),
        toEnd: () => virtualizer.scrollToEnd(),
      }}
    />
  );
}
