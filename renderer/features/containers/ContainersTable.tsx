import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useNow } from '../../components/useNow';
import { useDetails, useDetailsStore } from '../details/useDetails';
import { COLUMNS } from './columns';
import { ContainerRowView } from './ContainerRowView';
import type { ContainerItem } from './containers-store';
import type { ConnectionNames } from './filter';
import type { SortColumn, SortState } from './sort';

// Fixed heights keep the virtualizer from measuring rows: 10,000 rows cost no layout work.
export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 30;

interface ContainersTableProps {
  readonly items: readonly ContainerItem[];
  readonly names: ConnectionNames;
  readonly sort: SortState;
  readonly onSort: (column: SortColumn) => void;
}

/** One virtualized table for the containers of every engine: only the rows in view are in the DOM. */
export function ContainersTable({ items, names, sort, onSort }: ContainersTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(5_000);
  const { key: openKey } = useDetails();
  const details = useDetailsStore();
  // The header sits inside the scroll box (sticky), so rows start below it: scrollMargin says by how much.
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
      aria-label="Containers"
      aria-rowcount={items.length + 1}
      data-testid="containers-table"
      tabIndex={0}
    >
      <div role="rowgroup" className="ct-head">
        <div role="row" aria-rowindex={1} className="ct-grid ct-head-row">
          {COLUMNS.map((column) => {
            const active = sort.column === column.id;
            const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
            return (
              <div key={column.id} role="columnheader" aria-sort={ariaSort} className="ct-cell ct-th">
                <button
                  type="button"
                  className="ct-sort"
                  onClick={() => onSort(column.id)}
                  data-testid={`sort-${column.id}`}
                >
                  {column.label}
                  <span className={`ct-arrow${active ? ' ct-arrow-on' : ''}`} aria-hidden="true">
                    {active && sort.direction === 'desc' ? '▼' : '▲'}
                  </span>
                </button>
              </div>
            );
          })}
          {/* Running rows end with their terminal actions; the header names that cell for screen readers. */}
          <div role="columnheader" className="visually-hidden">
            Actions
          </div>
        </div>
      </div>
      <div role="rowgroup" className="ct-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          if (!item) return null;
          return (
            <ContainerRowView
              key={item.key}
              item={item}
              connectionName={names.get(item.row.connectionId) ?? item.row.connectionId}
              rowIndex={virtual.index + 2}
              top={virtual.start - HEADER_HEIGHT}
              now={now}
              selected={item.key === openKey}
              onOpen={details.toggle}
            />
          );
        })}
      </div>
    </div>
  );
}
