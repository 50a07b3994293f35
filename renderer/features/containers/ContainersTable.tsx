import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNow } from '../../components/useNow';
import { useDetails, useDetailsStore } from '../details/useDetails';
import { TABLE_POINTS } from '../stats/stats-store';
import { useStatsInterest } from '../stats/useStats';
import { visibleStatsKeys } from '../stats/visible-keys';
import { COLUMNS } from './columns';
import { ContainerRowView } from './ContainerRowView';
import type { ContainerItem } from './containers-store';
import type { ConnectionNames } from './filter';
import { GroupRowView } from './GroupRowView';
import { rowEntries, type TableEntry } from './group-rows';
import { SelectAllCell } from './SelectAllCell';
import { useSelection, useSelectionStore } from './useLifecycle';
import type { SortColumn, SortState } from './sort';

// Fixed heights keep the virtualizer from measuring rows: 10,000 rows cost no layout work.
export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 30;

interface ContainersTableProps {
  readonly items: readonly ContainerItem[];
  readonly names: ConnectionNames;
  readonly sort: SortState;
  readonly onSort: (column: SortColumn) => void;
  /** Rows with project headers between them (Group by project); the plain rows otherwise. */
  readonly entries?: readonly TableEntry[];
  readonly onToggleGroup?: (key: string) => void;
  /** Engines being reconnected: their rows are as last seen, not live. */
  readonly stale?: ReadonlySet<string>;
}

/** One virtualized table for the containers of every engine: only the rows in view are in the DOM. */
export function ContainersTable({
  items,
  names,
  sort,
  onSort,
  entries,
  onToggleGroup,
  stale,
}: ContainersTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(5_000);
  const { key: openKey } = useDetails();
  const details = useDetailsStore();
  const { keys: selected } = useSelection();
  const selection = useSelectionStore();
  const list = entries ?? rowEntries(items);
  // Shift-click selects a range of rows as shown; the rows' memoized callback reads the current order.
  const order = useMemo(() => items.map((item) => item.key), [items]);
  const orderRef = useRef<readonly string[]>(order);
  useEffect(() => {
    orderRef.current = order;
  }, [order]);
  const onCheck = useCallback(
    (key: string, shift: boolean) => selection.click(key, shift, orderRef.current),
    [selection],
  );
  const toggleGroup = useCallback((key: string) => onToggleGroup?.(key), [onToggleGroup]);
  const selectMany = useCallback(
    (keys: readonly string[], on: boolean) => selection.setMany(keys, on),
    [selection],
  );
  // The header sits inside the scroll box (sticky), so rows start below it: scrollMargin says by how much.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only.
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => list[index]?.key ?? index,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
  });
  useStatsInterest(
    'table',
    visibleStatsKeys(virtualizer.getVirtualItems(), virtualizer.range, list),
    TABLE_POINTS,
  );

  return (
    <div
      ref={scrollRef}
      className="ct-scroll"
      role="table"
      aria-label="Containers"
      aria-rowcount={list.length + 1}
      data-testid="containers-table"
      tabIndex={0}
    >
      <div role="rowgroup" className="ct-head">
        <div role="row" aria-rowindex={1} className="ct-grid ct-head-row">
          <SelectAllCell keys={order} selected={selected} onSelect={selectMany} />
          {COLUMNS.map((column) => {
            if (column.sortable === false) {
              return (
                <div key={column.id} role="columnheader" className="ct-cell ct-th ct-th-plain">
                  {column.label}
                </div>
              );
            }
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
          const entry = list[virtual.index];
          if (!entry) return null;
          if (entry.kind === 'group') {
            return (
              <GroupRowView
                key={entry.key}
                entry={entry}
                connectionName={names.get(entry.connectionId ?? '') ?? entry.connectionId ?? ''}
                rowIndex={virtual.index + 2}
                top={virtual.start - HEADER_HEIGHT}
                selectedCount={entry.shownKeys.filter((key) => selected.has(key)).length}
                columns={COLUMNS.length + 1}
                onToggle={toggleGroup}
                onSelect={selectMany}
              />
            );
          }
          const { item } = entry;
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
              checked={selected.has(item.key)}
              onCheck={onCheck}
              stale={stale?.has(item.row.connectionId) ?? false}
            />
          );
        })}
      </div>
    </div>
  );
}
