import { memo } from 'react';
import type { ContainerItem } from './containers-store';
import { shownImage, shownStatus } from '../../../electron/shared/format/cell-text';
import { formatPorts } from '../../../electron/shared/format/ports';
import { StatsSparkline } from '../stats/StatsSparkline';
import { TerminalRowActions } from '../terminal/TerminalRowActions';
import { RowMenuButton } from './RowMenu';
import { targetOf } from './bulk-store';
import { StateBadge } from './StateBadge';
import { liveStatus } from './status-clock';

interface ContainerRowViewProps {
  readonly item: ContainerItem;
  readonly connectionName: string;
  /** 1-based position among all rows (the header is row 1), for screen readers in a virtual list. */
  readonly rowIndex: number;
  readonly top: number;
  readonly now: number;
  /** Whether the details pane shows this container. */
  readonly selected: boolean;
  readonly onOpen: (key: string) => void;
  /** Ticked for a bulk action. */
  readonly checked?: boolean;
  /** A click on the row's checkbox; shift extends from the last one clicked. */
  readonly onCheck?: (key: string, shift: boolean) => void;
  /** Its engine is reconnecting: the row is as last seen. */
  readonly stale?: boolean;
}

/** A click on the row opens it, except on its own controls (terminal buttons, checkboxes). */
function isControl(target: EventTarget): boolean {
  return target instanceof Element && target.closest('button, a, input, select, label') !== null;
}

/** One container. Memoized: a re-read replaces only the rows that changed, and only those re-render. */
export const ContainerRowView = memo(function ContainerRowView({
  item,
  connectionName,
  rowIndex,
  top,
  now,
  selected,
  onOpen,
  checked = false,
  onCheck,
  stale = false,
}: ContainerRowViewProps) {
  const { row } = item;
  const ports = formatPorts(row.ports).join(', ');
  const status = shownStatus(liveStatus(row.status, item.readAt, now));
  const image = shownImage(row.image);
  const shortId = row.id.slice(0, 12);
  const project = row.composeService
    ? `${row.composeProject ?? ''} · ${row.composeService}`
    : (row.composeProject ?? '');
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`ct-grid ct-row${selected ? ' ct-row-selected' : ''}${checked ? ' ct-row-checked' : ''}${stale ? ' ct-row-stale' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        if (!isControl(event.target)) onOpen(item.key);
      }}
      data-testid="container-row"
      data-key={item.key}
      data-name={row.name}
      data-state={row.state}
      data-health={row.health}
      data-connection={row.connectionId}
      data-checked={checked}
      data-stale={stale || undefined}
      title={stale ? `As last seen: ${connectionName} is reconnecting` : undefined}
    >
      <div role="cell" className="ct-cell ct-select">
        <input
          type="checkbox"
          className="lc-check"
          checked={checked}
          // onClick, not onChange: the shift key is on the mouse event.
          onClick={(event) => onCheck?.(item.key, event.shiftKey)}
          onChange={() => undefined}
          aria-label={`Select ${row.name}`}
          data-testid="row-select"
        />
        <RowMenuButton row={row} target={targetOf(item)} />
      </div>
      <div role="cell" className="ct-cell ct-name" title={`${row.name} (${shortId})`}>
        <button
          type="button"
          className="ct-name-text ct-open"
          onClick={() => onOpen(item.key)}
          aria-label={`${row.name}: ${selected ? 'close details' : 'show details'}`}
          aria-expanded={selected}
        >
          {row.name}
        </button>
        <span className="ct-id mono" data-testid="cell-id">
          {shortId}
        </span>
      </div>
      <div role="cell" className="ct-cell" title={row.image}>
        {image}
      </div>
      <div role="cell" className="ct-cell">
        <StateBadge state={row.state} health={row.health} />
      </div>
      <div role="cell" className="ct-cell ct-muted" data-testid="cell-status" title={status}>
        {status}
      </div>
      <div role="cell" className="ct-cell ct-stats" data-testid="cell-stats">
        {row.state === 'running' || row.state === 'paused' ? <StatsSparkline statsKey={item.key} /> : null}
      </div>
      <div role="cell" className="ct-cell mono ct-ports" data-testid="cell-ports" title={ports}>
        {ports}
      </div>
      <div role="cell" className="ct-cell" title={project}>
        {row.composeProject ?? ''}
      </div>
      <div role="cell" className="ct-cell ct-muted" title={connectionName}>
        {connectionName}
      </div>
      {row.state === 'running' ? <TerminalRowActions row={row} /> : null}
    </div>
  );
});
