import { useState, type KeyboardEvent } from 'react';
import { parseTimeInput } from './log-time';

interface TimeBoundFieldProps {
  readonly label: string;
  /** The text last applied (kept, so a relative "10m" reads as typed). */
  readonly applied: string;
  /** A valid entry: its text and the engine time (undefined = no bound). */
  readonly onApply: (text: string, time: string | undefined) => void;
}

/**
 * A since/until box: an age ("10m", "1h") or a local time ("2025-01-31 14:00"), applied on Enter or
 * when it loses focus; what it cannot read is said beside it and nothing restarts.
 */
export function TimeBoundField({ label, applied, onApply }: TimeBoundFieldProps) {
  const [draft, setDraft] = useState(applied);
  const [error, setError] = useState<string | undefined>();
  const id = `log-${label.toLowerCase()}`;

  const apply = (): void => {
    const result = parseTimeInput(draft, Date.now());
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(undefined);
    if (draft.trim() !== applied) onApply(draft.trim(), result.time);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      setDraft(applied);
      setError(undefined);
    }
  };

  return (
    <span className="log-time-field">
      <label htmlFor={id} className="log-label">
        {label}
      </label>
      <input
        id={id}
        className="input log-time-input"
        value={draft}
        placeholder="10m, 1h, 2025-01-31 14:00"
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <span id={`${id}-error`} className="log-field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
