/** One option of a ChoiceField: its value and what the menu says. */
export type Choice<T extends string> = readonly [value: T, text: string];

interface ChoiceFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly choices: ReadonlyArray<Choice<T>>;
  readonly onChange: (value: T) => void;
}

/** A labelled menu of the log toolbar; typed by its choices, so a change is always one of them. */
export function ChoiceField<T extends string>({ label, value, choices, onChange }: ChoiceFieldProps<T>) {
  return (
    <label className="log-label">
      {label}
      <select
        className="input log-select"
        value={value}
        // The select only offers `choices`, so its value is one of them.
        onChange={(event) => onChange(event.target.value as T)}
      >
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
