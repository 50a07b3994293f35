import { useState, type ReactNode } from 'react';
import type { ActionResult } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { Dialog } from '../../components/Dialog';
import { ItemResults } from './ItemResults';

interface ConfirmRemoveProps {
  readonly title: string;
  /** What is lost, named (with sizes where known). */
  readonly children: ReactNode;
  readonly confirmLabel: string;
  /** The action is refused before asking (a built-in network): say why, offer no button. */
  readonly blocked?: string;
  /** false while a required choice (force) is not made yet. */
  readonly ready?: boolean;
  readonly run: () => Promise<readonly ActionResult[]>;
  /** After the action (whatever its outcome): the list re-reads. */
  readonly onDone: () => void;
  readonly onClose: () => void;
  readonly label?: (id: string) => string;
}

/**
 * Asks before removing, saying exactly what is lost; then shows what became of each item (done, or
 * why not) until the user closes it. Nothing happens without a click on the danger button.
 */
export function ConfirmRemoveDialog(props: ConfirmRemoveProps) {
  const { title, children, confirmLabel, blocked, ready = true, run, onDone, onClose, label } = props;
  const [phase, setPhase] = useState<'ask' | 'running' | 'done'>('ask');
  const [results, setResults] = useState<readonly ActionResult[]>([]);
  const [error, setError] = useState<string | undefined>();

  const confirm = async (): Promise<void> => {
    setPhase('running');
    try {
      setResults(await run());
    } catch (e) {
      setError(isAppError(e) ? e.message : 'The removal failed.');
    } finally {
      setPhase('done');
      onDone();
    }
  };

  return (
    <Dialog
      title={title}
      onCancel={onClose}
      testId="res-remove-dialog"
      wide
      actions={
        phase === 'done' ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose} disabled={phase === 'running'}>
              Cancel
            </button>
            {blocked ? null : (
              <button
                type="button"
                className="button button-danger"
                onClick={() => void confirm()}
                disabled={phase === 'running' || !ready}
              >
                {phase === 'running' ? 'Removing…' : confirmLabel}
              </button>
            )}
          </>
        )
      }
    >
      {phase === 'done' ? (
        error ? (
          <p className="res-error" role="alert">
            {error}
          </p>
        ) : (
          <ItemResults results={results} {...(label ? { label } : {})} />
        )
      ) : (
        <>
          {children}
          {blocked ? (
            <p className="res-error" role="alert">
              {blocked}
            </p>
          ) : null}
        </>
      )}
    </Dialog>
  );
}
