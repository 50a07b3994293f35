import { useEffect, useState } from 'react';
import type { PruneResult } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { formatSize } from '../../../electron/shared/format/size';
import { Dialog } from '../../components/Dialog';

export interface PruneOption {
  readonly label: string;
  readonly help: string;
}

interface PruneDialogProps {
  /** "images", "volumes", "networks". */
  readonly what: string;
  /** Connected engines: a prune goes to one of them. */
  readonly engines: readonly { readonly id: string; readonly name: string }[];
  /** The "all" switch (all unused images, named volumes too); none for networks. */
  readonly option?: PruneOption;
  readonly prune: (
    connectionId: string,
    dryRun: boolean,
    all: boolean,
    signal: AbortSignal,
  ) => Promise<PruneResult>;
  readonly onDone: (connectionId: string) => void;
  readonly onClose: () => void;
}

const size = (bytes: number | null): string => (bytes === null ? 'size unknown' : formatSize(bytes));

function PruneItems({ result }: { result: PruneResult }) {
  return (
    <ul className="res-prune-items" data-testid="prune-items">
      {result.items.map((item) => (
        <li
          key={item.id}
          data-testid="prune-item"
          data-ok={item.outcome ? String(item.outcome.ok) : undefined}
          className={item.outcome && !item.outcome.ok ? 'res-result-failed' : undefined}
        >
          <span className="mono">{item.name}</span> <span className="res-muted">({size(item.size)})</span>
          {item.outcome ? <> — {item.outcome.message}</> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Prune with the facts first: a dry run lists what would go with sizes and what this engine's prune
 * does and does not touch; the danger button removes exactly that (the engine's own prune, bounded to
 * the plan), then each item says whether it went, and the space the engine says it freed.
 */
export function PruneDialog({ what, engines, option, prune, onDone, onClose }: PruneDialogProps) {
  const [connectionId, setConnectionId] = useState(engines[0]?.id ?? '');
  const [all, setAll] = useState(false);
  // The plan with the engine and switch it was read for: a stale one is never shown for the current choice.
  const [planned, setPlanned] = useState<{ key: string; plan?: PruneResult; error?: string }>();
  const [result, setResult] = useState<PruneResult | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const key = `${connectionId} ${all}`;

  useEffect(() => {
    if (!connectionId) return;
    const controller = new AbortController();
    const asked = `${connectionId} ${all}`;
    prune(connectionId, true, all, controller.signal).then(
      (plan) => !controller.signal.aborted && setPlanned({ key: asked, plan }),
      (e: unknown) =>
        !controller.signal.aborted &&
        setPlanned({ key: asked, error: isAppError(e) ? e.message : 'The dry run failed.' }),
    );
    return () => controller.abort();
  }, [connectionId, all, prune]);

  const confirm = async (): Promise<void> => {
    setRunning(true);
    try {
      setResult(await prune(connectionId, false, all, new AbortController().signal));
    } catch (e) {
      setFailed(isAppError(e) ? e.message : 'The prune failed.');
    } finally {
      setRunning(false);
      onDone(connectionId);
    }
  };

  const current = planned?.key === key ? planned : undefined;
  const plan = current?.plan;
  const error = failed ?? current?.error;
  const count = plan?.items.length ?? 0;
  const engineName = engines.find((e) => e.id === connectionId)?.name ?? connectionId;
  let body;
  if (engines.length === 0) body = <p>No engine is connected.</p>;
  else if (result) {
    body = (
      <>
        <PruneItems result={result} />
        <p data-testid="prune-reclaimed">
          {result.spaceReclaimed === null
            ? 'The engine did not report the space this freed.'
            : `The engine freed ${formatSize(result.spaceReclaimed)}.`}
        </p>
      </>
    );
  } else if (error) {
    body = (
      <p className="res-error" role="alert">
        {error}
      </p>
    );
  } else if (!plan) {
    body = <p aria-busy="true">Working out what would go…</p>;
  } else {
    body = (
      <>
        <p data-testid="prune-summary">
          {count === 0
            ? `Nothing to remove: no ${what} on ${engineName} match.`
            : `${count} ${what} on ${engineName} will be removed${plan.estimatedBytes > 0 ? `, freeing up to ${formatSize(plan.estimatedBytes)}` : ''}:`}
        </p>
        {count > 0 ? <PruneItems result={plan} /> : null}
        <ul className="res-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <Dialog
      title={`Prune ${what}`}
      onCancel={onClose}
      testId="prune-dialog"
      wide
      actions={
        result ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose} disabled={running}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm()}
              disabled={running || !plan || count === 0}
            >
              {running ? 'Removing…' : `Remove ${count} ${what}`}
            </button>
          </>
        )
      }
    >
      {result ? null : (
        <div className="res-prune-options">
          {engines.length > 1 ? (
            <label>
              Engine{' '}
              <select
                className="input"
                value={connectionId}
                onChange={(e) => setConnectionId(e.target.value)}
              >
                {engines.map((engine) => (
                  <option key={engine.id} value={engine.id}>
                    {engine.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {option ? (
            <label title={option.help}>
              <input
                type="checkbox"
                checked={all}
                onChange={(e) => setAll(e.target.checked)}
                disabled={running}
              />{' '}
              {option.label}
            </label>
          ) : null}
        </div>
      )}
      {body}
    </Dialog>
  );
}
