import { useId } from 'react';
import { ConfirmActions, Dialog } from '../../components/Dialog';
import { serverFingerprintCommand, type HostKey } from './host-key';

interface HostKeyDialogProps {
  readonly hostKey: HostKey;
  readonly onTrust: (fingerprint: string) => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  /** Why trusting failed (the host now presents another key, it is unreachable…). */
  readonly error?: string | undefined;
}

/**
 * Asks before trusting an SSH host key Bosun has never seen: what to compare it with, on the server, and
 * only that exact fingerprint is accepted. Cancel trusts nothing.
 */
export function HostKeyDialog({ hostKey, onTrust, onCancel, busy = false, error }: HostKeyDialogProps) {
  const id = useId();
  return (
    <Dialog
      title={`Trust the SSH host key of ${hostKey.host}?`}
      onCancel={onCancel}
      testId="host-key-dialog"
      describedBy={`${id}-what`}
      actions={
        <ConfirmActions
          tone="primary"
          onCancel={onCancel}
          onConfirm={() => onTrust(hostKey.fingerprint)}
          disabled={busy}
          testId="host-key-trust"
        >
          {busy ? 'Connecting…' : 'Trust and connect'}
        </ConfirmActions>
      }
    >
      <p id={`${id}-what`}>
        Bosun has not seen this host before. Before trusting it, make sure the key below is the server’s own:
        anyone between you and the host could present another one.
      </p>
      <dl className="host-key">
        <dt>Host</dt>
        <dd data-testid="host-key-host">{hostKey.host}</dd>
        <dt>Key type</dt>
        <dd data-testid="host-key-type">{hostKey.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="host-key-print" data-testid="host-key-fingerprint">
          {hostKey.fingerprint}
        </dd>
      </dl>
      <p>
        Compare it with what this prints on the server (or ask its administrator):{' '}
        <code>{serverFingerprintCommand(hostKey.keyType)}</code>. Trust it only if they are identical; Bosun
        then records it in its own known-hosts file.
      </p>
      {error ? (
        <p className="form-error" role="alert" data-testid="host-key-error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
