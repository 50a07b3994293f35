import type { Connection } from '../../../electron/shared/contract';
import type { HostKey } from './host-key';
import { HostKeyDialog } from './HostKeyDialog';
import { useConnectionsStore } from './useConnections';
import { useDialogAction } from './useDialogAction';

/**
 * A discovered ssh:// engine (a docker context) stopped by a host key nobody confirmed: the same question
 * as when adding a host. The core asks the host again and trusts only this exact fingerprint.
 */
export function ReviewHostKey({ connection, hostKey }: { connection: Connection; hostKey: HostKey }) {
  const store = useConnectionsStore();
  const dialog = useDialogAction();

  return (
    <>
      <button
        type="button"
        className="button button-quiet conn-action"
        onClick={dialog.show}
        data-testid="review-host-key"
      >
        Review host key…
      </button>
      {dialog.open ? (
        <HostKeyDialog
          hostKey={hostKey}
          busy={dialog.busy}
          error={dialog.error}
          onCancel={dialog.close}
          onTrust={(fingerprint) =>
            void dialog.run(
              () => store.acceptHostKey(connection.id, fingerprint),
              'Trusting the host key failed.',
            )
          }
        />
      ) : null}
    </>
  );
}
