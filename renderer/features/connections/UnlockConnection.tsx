import { useState } from 'react';
import type { Connection, CredentialRequest } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { useClient } from '../../api/CoreContext';
import { CredentialDialog } from './CredentialDialog';
import { useConnectionsStore } from './useConnections';

/**
 * An ssh:// engine whose login waits for a passphrase or password: a button that asks for it. The core
 * checks it (a wrong one keeps the dialog open with the reason) and connects.
 */
export function UnlockConnection({
  connection,
  credential,
}: {
  connection: Connection;
  credential: CredentialRequest;
}) {
  const store = useConnectionsStore();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [secretStore, setSecretStore] = useState<string | undefined>();

  const show = (): void => {
    setOpen(true);
    void client?.call('system.info', {}).then(
      (info) => setSecretStore(info.secretStore),
      () => setSecretStore(undefined),
    );
  };

  const close = (): void => {
    setOpen(false);
    setError(undefined);
  };

  const unlock = async (secret: string, remember: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await store.unlock(connection.id, secret, remember);
      setOpen(false);
    } catch (failure) {
      setError(isAppError(failure) ? failure.message : 'Unlocking failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button button-quiet conn-action"
        onClick={show}
        data-testid="unlock-connection"
      >
        {credential.kind === 'passphrase' ? 'Enter passphrase…' : 'Enter password…'}
      </button>
      {open ? (
        <CredentialDialog
          credential={credential}
          secretStore={secretStore}
          busy={busy}
          error={error}
          onCancel={close}
          onUnlock={(secret, remember) => void unlock(secret, remember)}
        />
      ) : null}
    </>
  );
}
