import { useEffect, useId, useRef, useState } from 'react';
import type { CredentialRequest } from '../../../electron/shared/contract';
import { ConfirmActions, Dialog } from '../../components/Dialog';

interface CredentialDialogProps {
  readonly credential: CredentialRequest;
  /** Where a remembered secret is kept ("OS keychain (libsecret)"), from the core; no checkbox without it. */
  readonly secretStore: string | undefined;
  readonly onUnlock: (secret: string, remember: boolean) => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  /** Why the last try failed (a wrong passphrase, a refused password): the dialog stays open. */
  readonly error?: string | undefined;
}

/** What the login is waiting for, in a few words: "the passphrase for ~/.ssh/id_ed25519". */
export function credentialNeed(credential: CredentialRequest): string {
  return credential.kind === 'passphrase'
    ? `the passphrase for ${credential.keyFile}`
    : `the password for ${credential.host}`;
}

/**
 * Asks for the passphrase of an encrypted SSH key or the password of an account. The secret goes to the
 * core once (connections.unlock) and is never shown or kept here; "Remember" keeps it in the platform's
 * secret store. Cancel gives nothing.
 */
export function CredentialDialog({
  credential,
  secretStore,
  onUnlock,
  onCancel,
  busy = false,
  error,
}: CredentialDialogProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const passphrase = credential.kind === 'passphrase';
  // A refused secret is cleared for the next try (nothing typed lingers in the page), and typing resumes.
  const [shownError, setShownError] = useState(error);
  if (error !== shownError) {
    setShownError(error);
    if (error) setSecret('');
  }
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);
  const submit = (): void => {
    if (secret && !busy) onUnlock(secret, remember);
  };
  return (
    <Dialog
      title={passphrase ? 'Unlock the SSH key' : `Log in to ${credential.host}`}
      onCancel={onCancel}
      testId="credential-dialog"
      describedBy={`${id}-what`}
      initialFocus={input}
      actions={
        <ConfirmActions
          tone="primary"
          onCancel={onCancel}
          onConfirm={submit}
          disabled={busy || secret.length === 0}
          testId="credential-unlock"
        >
          {busy ? 'Connecting…' : passphrase ? 'Unlock and connect' : 'Log in'}
        </ConfirmActions>
      }
    >
      <p id={`${id}-what`}>
        {passphrase
          ? `${credential.host} accepts the key ${credential.keyFile}, which is encrypted. Bosun needs its passphrase to use it.`
          : `${credential.host} accepts a password for ${credential.user}.`}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field-label" htmlFor={`${id}-secret`}>
          {passphrase ? 'Passphrase' : (credential.prompt ?? 'Password')}
        </label>
        <input
          ref={input}
          id={`${id}-secret`}
          className="input"
          type="password"
          autoComplete="off"
          maxLength={1024}
          value={secret}
          aria-invalid={Boolean(error)}
          onChange={(event) => setSecret(event.target.value)}
          data-testid="credential-secret"
        />
        {secretStore ? (
          <label className="credential-remember">
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => setRemember(event.target.checked)}
              data-testid="credential-remember"
            />
            Remember in {secretStore}
          </label>
        ) : null}
      </form>
      {error ? (
        <p className="form-error" role="alert" data-testid="credential-error">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
