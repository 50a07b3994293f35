import { useId, useState, type FormEvent } from 'react';
import {
  terminalFixIdSchema,
  type TerminalFix,
  type TerminalFixId,
} from '../../../electron/shared/contract/terminal';

/** What each fix is about, for the checkbox list (the session's own labels say what was done). */
export const FIX_NAMES: Readonly<Record<TerminalFixId, string>> = {
  term: 'Terminal type (TERM)',
  locale: 'UTF-8 locale',
  timezone: 'Your time zone (TZ)',
  home: 'Home directory (HOME)',
  prompt: 'Readable prompt',
  keyboard: 'Keyboard (Backspace, UTF-8 erase)',
};

interface FixesMenuProps {
  readonly fixes: readonly TerminalFix[];
  readonly disabled: readonly TerminalFixId[];
  readonly onApply: (disabled: TerminalFixId[]) => void;
  readonly onCancel: () => void;
}

/**
 * The fixes Bosun makes to a session, each to be turned off or on. Applying reopens the session in the
 * same tab; the choice holds for this container until the app closes.
 */
export function FixesMenu({ fixes, disabled, onApply, onCancel }: FixesMenuProps) {
  const id = useId();
  const [off, setOff] = useState<ReadonlySet<TerminalFixId>>(() => new Set(disabled));
  const labelOf = (fix: TerminalFixId): string | undefined => fixes.find((f) => f.id === fix)?.label;
  const toggle = (fix: TerminalFixId, on: boolean): void => {
    const next = new Set(off);
    if (on) next.delete(fix);
    else next.add(fix);
    setOff(next);
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onApply(terminalFixIdSchema.options.filter((fix) => off.has(fix)));
  };
  return (
    <form
      className="term-fixes-menu"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      data-testid="terminal-fixes-menu"
    >
      <div id={`${id}-title`} className="term-fixes-title">
        Fixes for this container
      </div>
      {terminalFixIdSchema.options.map((fix, index) => (
        <label key={fix} className="term-fixes-option">
          <input
            // The menu was just opened from its button: the keyboard goes into it.
            autoFocus={index === 0}
            type="checkbox"
            checked={!off.has(fix)}
            onChange={(event) => toggle(fix, event.target.checked)}
            data-fix={fix}
          />
          <span title={labelOf(fix)}>{FIX_NAMES[fix]}</span>
        </label>
      ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Reopen with these
        </button>
      </div>
    </form>
  );
}
