import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import './dialog.css';

interface DialogProps {
  readonly title: ReactNode;
  readonly children: ReactNode;
  /** The buttons at the bottom (Cancel first, the action last). */
  readonly actions: ReactNode;
  /** Escape, a click on the backdrop and Cancel buttons call this. */
  readonly onCancel: () => void;
  /** What gets focus when the dialog opens; its first focusable element otherwise. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly testId?: string;
  readonly wide?: boolean;
  /** Screen readers read this as the dialog's description. */
  readonly describedBy?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves in when it opens, Tab cycles inside it, Escape or a click beside it
 * cancels, and focus goes back to what had it before (the button that opened it) when it closes.
 */
export function Dialog({
  title,
  children,
  actions,
  onCancel,
  initialFocus,
  testId,
  wide = false,
  describedBy,
}: DialogProps) {
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const first = initialFocus?.current ?? boxRef.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? boxRef.current)?.focus();
    return () => {
      // The opener may have been re-rendered away (a row menu); then focus stays where the page puts it.
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per opening: focus is taken when the dialog appears and given back when it goes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !boxRef.current) return;
    const focusable = [...boxRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onCancel()}
    >
      <div
        ref={boxRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={describedBy}
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}

interface ConfirmActionsProps {
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
  /** What the action does ("Remove 3 containers"), never a bare "OK". */
  readonly children: ReactNode;
  /** danger for what cannot be undone, primary otherwise. */
  readonly tone: 'primary' | 'danger';
  readonly disabled?: boolean;
  readonly testId?: string;
  /** A milder choice, between Cancel and the action ("Keep existing"). */
  readonly alternative?: ReactNode;
}

/** The usual `actions` of a dialog that asks before acting: Cancel first, the action last. */
export function ConfirmActions({
  onCancel,
  onConfirm,
  children,
  tone,
  disabled,
  testId,
  alternative,
}: ConfirmActionsProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {alternative}
      <button
        type="button"
        className={`button button-${tone}`}
        disabled={disabled}
        onClick={onConfirm}
        data-testid={testId}
      >
        {children}
      </button>
    </>
  );
}
