import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useNow } from '../../components/useNow';
import { POD_COLUMNS, type PodColumn, type PodSort } from './pod-table';
import { PodRowView } from './PodRowView';
import type { PodItem } from './pods-store';

// Fixed heights keep the virtualizer from measuring rows: 10,000 pods cost no layout work.
const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 30;

interface PodsTableProps {
  readonly items: readonly PodItem[];
  readonly clusterName: (clusterId: string) => string;
  readonly sort: PodSort;
  readonly onSort: (column: PodColumn) => void;
  /** Clusters being reconnected: their rows are as last seen, not live. */
  readonly stale: ReadonlySet<string>;
}

/** The pods of every cluster in one virtualized table: only the rows in view are in the DOM. */
export function PodsTable({ items, clusterName, sort, onSort, stale }: PodsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // AGE counts seconds for a pod's first two minutes, as kubectl does.
  const now = useNow(1_000);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.key ?? index,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });

  return (
    <div
      ref={scrollRef}
      className="ct-scroll"
      role="table"
      aria-label="Pods"
      aria-rowcount={items.length + 1}
      data-testid="pods-table"
      tabIndex={0}
    >
      <div role="rowgroup" className="ct-head">
        <div role="row" aria-rowindex={1} className="kp-grid ct-head-row">
          {POD_COLUMNS.map((column) => {
            const active = sort.column === column.id;
            const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
            return (
              <div key={column.id} role="columnheader" aria-sort={ariaSort} className="ct-cell ct-th">
                <button
                  type="button"
                  className="ct-sort"
                  onClick={() => onSort(column.id)}
                  data-testid={`pod-sort-${column.id}`}
                >
                  {column.label}
                  <span className={`ct-arrow${active ? ' ct-arrow-on' : ''}`} aria-hidden="true">
                    {active && sort.direction === 'desc' ? '▼' : '▲'}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="ct-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          if (!item) return null;
          return (
            <PodRowView
              key={item.key}
              item={item}
              clusterName={clusterName(item.row.clusterId)}
              rowIndex={virtual.index + 2}
              top={virtual.start - HEADER_HEIGHT}
              now={now}
              stale={stale.has(item.row.clusterId)}
            />
          );
        })}
      </div>
    </div>
  );
}
