import { useId, useState } from 'react';
import type { LifecycleAction } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { targetOf } from './bulk-store';
import type { ContainerItem } from './containers-store';
import { ACTIONS, ACTION_ORDER, type BulkAction } from './lifecycle-actions';
import { signalLabel, SignalPicker, type SignalChoice } from './SignalPicker';
import { useBulk, useBulkStore, useSelection, useSelectionStore } from './useLifecycle';

/** The grace period field: empty means the container's own (StopTimeout, 10 s by default). */
function graceProblem(text: string): string | undefined {
  if (text === '') return undefined;
  const seconds = Number(text);
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600
    ? undefined
    : 'Whole seconds from 0 to 3600.';
}

/**
 * Shown while rows are ticked: every lifecycle action for the selection. Each acts only on the
 * containers it applies to (Stop on the running ones) and says how many that is.
 */
export function SelectionBar({ shown }: { shown: ReadonlyMap<string, ContainerItem> }) {
  const id = useId();
  const client = useClient();
  const { keys } = useSelection();
  const selection = useSelectionStore();
  const bulk = useBulkStore();
  const { report } = useBulk();
  const [grace, setGrace] = useState('');
  const [signal, setSignal] = useState<SignalChoice>({ signal: 'KILL' });
  const selected = [...keys].flatMap((key) => shown.get(key) ?? []);
  if (selected.length === 0) return null;
  const busy = report !== undefined && !report.finished;
  const problem = graceProblem(grace.trim());

  const applicable = (action: BulkAction): ContainerItem[] =>
    selected.filter((item) => ACTIONS[action].applies(item.row.state));

  const run = (action: BulkAction): void => {
    const targets = applicable(action).map(targetOf);
    const skipped = selected.length - targets.length;
    if (action === 'remove') {
      bulk.ask('remove', targets);
      return;
    }
    if (!client) return;
    const lifecycle: LifecycleAction = action;
    const extra =
      action === 'stop' && grace.trim() !== ''
        ? { timeoutSeconds: Number(grace.trim()) }
        : action === 'kill' && 'signal' in signal
          ? { signal: signal.signal }
          : {};
    void bulk.run(client, { kind: 'act', action: lifecycle, ...extra }, targets, skipped);
  };

  const button = (action: BulkAction) => {
    const count = applicable(action).length;
    const invalid =
      (action === 'stop' && problem !== undefined) || (action === 'kill' && !('signal' in signal));
    const label =
      action === 'kill' && 'signal' in signal ? `Send ${signalLabel(signal.signal)}` : ACTIONS[action].label;
    return (
      <button
        key={action}
        type="button"
        className={`button${action === 'remove' ? ' lc-remove' : ''}`}
        disabled={busy || count === 0 || invalid || !client}
        onClick={() => run(action)}
        title={
          count === 0
            ? `${ACTIONS[action].label} does not apply to any of the selected containers`
            : undefined
        }
        data-testid={`bulk-${action}`}
      >
        {label}
        {action === 'remove' ? '…' : ''}
        {count !== selected.length ? <span className="lc-count">({count})</span> : null}
      </button>
    );
  };

  return (
    <div
      className="lc-bar"
      role="toolbar"
      aria-label="Actions on the selected containers"
      data-testid="selection-bar"
    >
      <span className="lc-selected" data-testid="selection-count">
        {selected.length} selected
      </span>
      <button type="button" className="button button-quiet" onClick={() => selection.clear()}>
        Clear
      </button>
      <span className="lc-sep" aria-hidden="true" />
      {ACTION_ORDER.map((action) => {
        if (action === 'stop') {
          return (
            <span key={action} className="lc-group">
              {button(action)}
              <label htmlFor={`${id}-grace`} className="lc-inline-label">
                after
              </label>
              <input
                id={`${id}-grace`}
                className="input lc-grace"
                inputMode="numeric"
                value={grace}
                placeholder="10"
                aria-invalid={problem !== undefined}
                aria-describedby={`${id}-grace-hint`}
                title={problem ?? 'Seconds to wait for the container to stop before it is killed'}
                onChange={(event) => setGrace(event.target.value)}
                data-testid="bulk-grace"
              />
              <span id={`${id}-grace-hint`} className="lc-inline-label">
                s{problem ? <span className="visually-hidden">: {problem}</span> : null}
              </span>
            </span>
          );
        }
        if (action === 'kill') {
          return (
            <span key={action} className="lc-group">
              <SignalPicker compact onChange={setSignal} />
              {button(action)}
            </span>
          );
        }
        return button(action);
      })}
    </div>
  );
}
