import { useEffect, useRef, useState } from 'react';
import type { Connection } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useConnectionsStore } from './useConnections';

/**
 * Forgetting a user-added connection, after saying what that means: Bosun drops the entry, the engine and
 * everything on it stay as they are. A refusal is shown in place, and the connection stays listed.
 */
export function RemoveConnection({ connection }: { connection: Connection }) {
  const store = useConnectionsStore();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const openRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus goes to Cancel, not to the destructive button, and comes back to "Remove" when the question closes.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const cancel = (): void => {
    setConfirming(false);
    setError(undefined);
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await store.remove(connection.id);
    } catch (failure) {
      setError(isAppError(failure) ? failure.message : 'Removing the connection failed.');
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button button-quiet conn-remove"
        aria-label={`Remove ${connection.name}`}
        title="Forget this connection"
        onClick={() => setConfirming(true)}
        data-testid="remove-connection"
      >
        Remove
      </button>
    );
  }

  return (
    <div
      className="conn-confirm"
      role="group"
      aria-label={`Remove ${connection.name}?`}
      data-testid="remove-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <p className="conn-confirm-text">
        Bosun forgets this connection. Nothing on the engine changes: its containers, images and volumes stay.
        To fix its endpoint or TLS files, remove it and add it again.
      </p>
      {error ? (
        <p className="form-error" role="alert" data-testid="remove-error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button ref={cancelRef} type="button" className="button button-quiet" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => void remove()}
          data-testid="remove-connection-confirm"
        >
          {busy ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </div>
  );
}
