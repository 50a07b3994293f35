import type { ReactNode, Ref } from 'react';

interface TextFieldProps {
  /** The input's id; the message and hint ids derive from it. */
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What is wrong with the value, shown under it and announced. */
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly placeholder?: string;
  readonly mono?: boolean;
  readonly maxLength?: number;
  readonly testId?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with its error and hint tied to it for screen readers. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  mono = false,
  maxLength,
  testId,
  inputRef,
}: TextFieldProps) {
  const described = hint ? `${id}-msg ${id}-hint` : `${id}-msg`;
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        className={mono ? 'input mono' : 'input'}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        spellCheck={mono ? false : undefined}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <div id={`${id}-msg`} className="field-error" role="alert">
        {error}
      </div>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
    </>
  );
}
