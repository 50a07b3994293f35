import { useState } from 'react';
import { isAppError } from '../../../electron/shared/errors';

export interface DialogAction {
  readonly open: boolean;
  readonly busy: boolean;
  /** Why the last try failed, shown in the dialog (which stays open). */
  readonly error: string | undefined;
  show(): void;
  close(): void;
  /** Runs the dialog's action: closes on success, keeps the dialog open with the reason on failure. */
  run(action: () => Promise<unknown>, failed: string): Promise<void>;
}

/** The state of a dialog that sends one thing to the core (a host key to trust, a passphrase). */
export function useDialogAction(): DialogAction {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return {
    open,
    busy,
    error,
    show: () => setOpen(true),
    close: () => {
      setOpen(false);
      setError(undefined);
    },
    run: async (action, failed) => {
      setBusy(true);
      setError(undefined);
      try {
        await action();
        setOpen(false);
      } catch (failure) {
        setError(isAppError(failure) ? failure.message : failed);
      } finally {
        setBusy(false);
      }
    },
  };
}
