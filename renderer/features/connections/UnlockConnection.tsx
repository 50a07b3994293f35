import { useState } from 'react';
import type { Connection, CredentialRequest } from '../../../electron/shared/contract';
import { useClient } from '../../api/CoreContext';
import { CredentialDialog } from './CredentialDialog';
import { useConnectionsStore } from './useConnections';
import { useDialogAction } from './useDialogAction';

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
  const dialog = useDialogAction();
  const [secretStore, setSecretStore] = useState<string | undefined>();

  const show = (): void => {
    dialog.show();
    void client?.call('system.info', {}).then(
      (info) => setSecretStore(info.secretStore),
      () => setSecretStore(undefined),
    );
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
      {dialog.open ? (
        <CredentialDialog
          credential={credential}
          secretStore={secretStore}
          busy={dialog.busy}
          error={dialog.error}
          onCancel={dialog.close}
          onUnlock={(secret, remember) =>
            void dialog.run(() => store.unlock(connection.id, secret, remember), 'Unlocking failed.')
          }
        />
      ) : null}
    </>
  );
}
