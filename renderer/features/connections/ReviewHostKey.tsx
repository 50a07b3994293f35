import { useState } from 'react';
import type { Connection } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import type { HostKey } from './host-key';
import { HostKeyDialog } from './HostKeyDialog';
import { useConnectionsStore } from './useConnections';

/**
 * A discovered ssh:// engine (a docker context) stopped by a host key nobody confirmed: the same question
 * as when adding a host. The core asks the host again and trusts only this exact fingerprint.
 */
export function ReviewHostKey({ connection, hostKey }: { connection: Connection; hostKey: HostKey }) {
  const store = useConnectionsStore();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const close = (): void => {
    setOpen(false);
    setError(undefined);
  };

  const trust = async (fingerprint: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await store.acceptHostKey(connection.id, fingerprint);
      setOpen(false);
    } catch (failure) {
      setError(isAppError(failure) ? failure.message : 'Trusting the host key failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-quiet conn-action"
        onClick={() => setOpen(true)}
        data-testid="review-host-key"
      >
        Review host key…
      </button>
      {open ? (
        <HostKeyDialog
          hostKey={hostKey}
          busy={busy}
          error={error}
          onCancel={close}
          onTrust={(fingerprint) => void trust(fingerprint)}
        />
      ) : null}
    </>
  );
}
