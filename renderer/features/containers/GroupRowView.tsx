import { memo } from 'react';
import { useClient } from '../../api/CoreContext';
import type { GroupEntry } from './group-rows';
import { ACTIONS } from './lifecycle-actions';
import { targetOf } from './bulk-store';
import { useBulk, useBulkStore } from './useLifecycle';

const PROJECT_ACTIONS = ['start', 'stop', 'restart'] as const;

interface GroupRowViewProps {
  readonly entry: GroupEntry;
  readonly connectionName: string;
  readonly rowIndex: number;
  readonly top: number;
  /** How many of the group's shown rows are ticked. */
  readonly selectedCount: number;
  readonly columns: number;
  readonly onToggle: (key: string) => void;
  readonly onSelect: (keys: readonly string[], selected: boolean) => void;
}

/**
 * A compose project's header: collapse, select its rows, and start/stop/restart the whole project on
 * that engine (every container of it, also those the filter hides, as `docker compose stop` would).
 */
export const GroupRowView = memo(function GroupRowView({
  entry,
  connectionName,
  rowIndex,
  top,
  selectedCount,
  columns,
  onToggle,
  onSelect,
}: GroupRowViewProps) {
  const client = useClient();
  const bulk = useBulkStore();
  const busy = useBulk().report?.finished === false;
  const name = entry.project ?? 'Not in a compose project';
  const shown = entry.shownKeys.length;
  const all = selectedCount === shown;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-expanded={!entry.collapsed}
      className="ct-row ct-group-row"
      style={{ transform: `translateY(${top}px)` }}
      data-testid="group-row"
      data-project={entry.project ?? ''}
      data-connection={entry.connectionId ?? ''}
    >
      <div role="cell" aria-colspan={columns} className="ct-group-cell">
        <input
          type="checkbox"
          className="lc-check"
          checked={all}
          ref={(input) => {
            if (input) input.indeterminate = selectedCount > 0 && !all;
          }}
          onChange={() => onSelect(entry.shownKeys, !all)}
          aria-label={`Select the ${shown} shown containers of ${name}`}
        />
        <button
          type="button"
          className="ct-group-toggle"
          onClick={() => onToggle(entry.key)}
          aria-label={`${entry.collapsed ? 'Expand' : 'Collapse'} ${name}`}
        >
          <span className="ct-group-caret" aria-hidden="true">
            {entry.collapsed ? '▸' : '▾'}
          </span>
          <span className="ct-group-name">{name}</span>
        </button>
        {entry.project ? <span className="ct-muted">{connectionName}</span> : null}
        <span className="ct-muted" data-testid="group-counts">
          {entry.running} of {entry.members.length} running
        </span>
        {entry.project ? (
          <span className="ct-group-actions">
            {PROJECT_ACTIONS.map((action) => {
              const targets = entry.members.filter((item) => ACTIONS[action].applies(item.row.state));
              return (
                <button
                  key={action}
                  type="button"
                  className="button term-row-button"
                  disabled={busy || !client || targets.length === 0}
                  aria-label={`${ACTIONS[action].label} project ${name} on ${connectionName}`}
                  title={`${ACTIONS[action].label} the ${targets.length} container${targets.length === 1 ? '' : 's'} of ${name} it applies to`}
                  onClick={() =>
                    client &&
                    void bulk.run(
                      client,
                      { kind: 'act', action },
                      targets.map(targetOf),
                      entry.members.length - targets.length,
                    )
                  }
                  data-testid={`group-${action}`}
                >
                  {ACTIONS[action].label}
                </button>
              );
            })}
          </span>
        ) : null}
      </div>
    </div>
  );
});
