import { useEffect, useState } from 'react';

type Outcome = { kind: 'copied' } | { kind: 'refused'; reason: string } | undefined;

/** How long "Copied" stays before the button reads plainly again. */
const CONFIRM_MS = 2000;

interface CopyButtonProps {
  /** The text to copy, computed when clicked. */
  readonly text: () => string;
  readonly label?: string;
}

/** Copies to the clipboard and says so, or says plainly that the clipboard refused and what to do instead. */
export function CopyButton({ text, label = 'Copy' }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    if (outcome?.kind !== 'copied') return;
    const timer = setTimeout(() => setOutcome(undefined), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access');
      await navigator.clipboard.writeText(text());
      setOutcome({ kind: 'copied' });
    } catch (error) {
      // A DOMException (NotAllowedError) is not always an Error subclass; its message still says why.
      const message = (error as { message?: unknown } | undefined)?.message;
      const reason = typeof message === 'string' && message ? message : 'no reason given';
      setOutcome({ kind: 'refused', reason });
    }
  };

  return (
    <span className="inspect-copy">
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span
        role="status"
        className={outcome?.kind === 'refused' ? 'inspect-copy-refused' : 'inspect-copy-done'}
        data-testid="copy-status"
      >
        {outcome?.kind === 'copied'
          ? 'Copied'
          : outcome?.kind === 'refused'
            ? `The clipboard refused the copy (${outcome.reason}). Select the text and copy it by hand (Ctrl+C, ⌘C on a Mac).`
            : ''}
      </span>
    </span>
  );
}
