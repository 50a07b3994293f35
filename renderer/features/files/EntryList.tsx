import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { FileEntry } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';
import type { EntrySort, EntrySortColumn } from './entry-sort';
import { FileIcon } from './FileIcon';

// Fixed heights keep the virtualizer from measuring rows: a folder of 20,000 files costs no layout work.
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 28;

const COLUMNS: readonly { id: EntrySortColumn; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'size', label: 'Size' },
  { id: 'mtime', label: 'Modified' },
];

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2024-05-05 14:07", local time: sortable by eye, the same width on every row. */
export function shownTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function owner(entry: FileEntry): string {
  const user = entry.user ?? (entry.uid === null ? '' : String(entry.uid));
  const group = entry.group ?? (entry.gid === null ? '' : String(entry.gid));
  return user || group ? `${user}:${group}` : '';
}

interface EntryListProps {
  readonly entries: readonly FileEntry[];
  readonly sort: EntrySort;
  readonly onSort: (column: EntrySortColumn) => void;
  readonly selected: string | undefined;
  readonly onSelect: (name: string) => void;
  readonly onOpen: (entry: FileEntry) => void;
  readonly onDownload: (entry: FileEntry) => void;
}

/**
 * A folder's entries as a virtualized table: only the rows in view are in the DOM. Arrow keys move
 * the selection, Enter or a double-click opens a folder (or a link to one), each row has Download.
 */
export function EntryList({ entries, sort, onSort, selected, onSelect, onOpen, onDownload }: EntryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only.
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => entries[index]?.name ?? index,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const selectedIndex = selected === undefined ? -1 : entries.findIndex((e) => e.name === selected);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (entries.length === 0) return;
    const last = entries.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, selectedIndex + 1),
      ArrowUp: Math.max(0, selectedIndex - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, selectedIndex + 10),
      PageUp: Math.max(0, selectedIndex - 10),
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      onSelect(entries[to]!.name);
    } else if (event.key === 'Enter' && selectedIndex >= 0) {
      event.preventDefault();
      onOpen(entries[selectedIndex]!);
    }
  };

  return (
    <div
      ref={scrollRef}
      className="files-scroll"
      role="table"
      aria-label="Folder contents"
      aria-rowcount={entries.length + 1}
      data-testid="files-list"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="files-head">
        <div role="row" aria-rowindex={1} className="files-grid files-head-row">
          {COLUMNS.map((column) => {
            const active = sort.column === column.id;
            const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={ariaSort}
                className={`files-th files-col-${column.id}`}
              >
                <button type="button" className="files-sort" onClick={() => onSort(column.id)}>
                  {column.label}
                  <span className="files-arrow" aria-hidden="true">
                    {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
          <div role="columnheader" className="files-th files-col-mode">
            Mode
          </div>
          <div role="columnheader" className="files-th files-col-owner">
            Owner
          </div>
          <div role="columnheader" className="visually-hidden">
            Actions
          </div>
        </div>
      </div>
      <div role="rowgroup" className="files-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const entry = entries[virtual.index];
          if (!entry) return null;
          const isSelected = entry.name === selected;
          return (
            <div
              key={entry.name}
              role="row"
              aria-rowindex={virtual.index + 2}
              aria-selected={isSelected}
              className={`files-grid files-row${isSelected ? ' files-row-on' : ''}`}
              style={{ transform: `translateY(${virtual.start - HEADER_HEIGHT}px)` }}
              data-testid="files-row"
              data-name={entry.name}
              data-type={entry.type}
              onClick={() => onSelect(entry.name)}
              onDoubleClick={() => onOpen(entry)}
            >
              <div
                role="cell"
                className="files-cell files-col-name"
                title={entry.linkTarget ? `${entry.name} → ${entry.linkTarget}` : entry.name}
              >
                <FileIcon type={entry.type} />
                <span className="files-name">{entry.name}</span>
                {entry.linkTarget !== undefined ? (
                  <span className="files-link mono">→ {entry.linkTarget}</span>
                ) : null}
              </div>
              <div role="cell" className="files-cell files-col-size mono">
                {entry.type === 'file' && entry.size !== null ? formatSize(entry.size) : ''}
              </div>
              <div role="cell" className="files-cell files-col-mtime mono">
                {shownTime(entry.mtime)}
              </div>
              <div role="cell" className="files-cell files-col-mode mono">
                {entry.mode}
              </div>
              <div role="cell" className="files-cell files-col-owner mono">
                {owner(entry)}
              </div>
              <div role="cell" className="files-cell files-col-actions">
                <button
                  type="button"
                  className="button button-quiet files-download"
                  aria-label={`Download ${entry.name}`}
                  title={entry.type === 'dir' ? 'Download as a .tar' : 'Download'}
                  disabled={entry.type === 'other'}
                  onClick={(event) => {
                    event.stopPropagation();
                    onDownload(entry);
                  }}
                  onDoubleClick={(event) => event.stopPropagation()}
                >
                  ⤓
                </button>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
