import { useId, useState } from 'react';
import { signalSchema } from '../../../electron/shared/contract/containers';

/** The signals people send to containers, with what each usually means. */
export const COMMON_SIGNALS: ReadonlyArray<{ readonly name: string; readonly hint: string }> = [
  { name: 'TERM', hint: 'ask to stop' },
  { name: 'HUP', hint: 'reload config (many servers)' },
  { name: 'INT', hint: 'interrupt, as Ctrl-C' },
  { name: 'QUIT', hint: 'quit (some dump state)' },
  { name: 'USR1', hint: 'program-defined' },
  { name: 'USR2', hint: 'program-defined' },
  { name: 'KILL', hint: 'end now, cannot be caught' },
  { name: 'WINCH', hint: 'graceful stop (Apache)' },
];

const OTHER = '__other';

/** The signal chosen, or why the typed one is not a signal. */
export type SignalChoice = { readonly signal: string } | { readonly problem: string };

/** SIGHUP for HUP or SIGHUP, "signal 10" for 10: how buttons and results name it. */
export function signalLabel(signal: string): string {
  return /^[0-9]+$/.test(signal) ? `signal ${signal}` : `SIG${signal.replace(/^SIG/, '')}`;
}

/** The message a typed signal fails with, from the contract itself (what the core would answer). */
export function signalProblem(text: string): string | undefined {
  if (!text) return 'Type a signal name (such as SIGRTMIN+3) or number.';
  const parsed = signalSchema.safeParse(text);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Not a signal.');
}

/** A select of common signals plus "Other…", which takes any name or number the contract accepts. */
export function SignalPicker({
  initial = 'KILL',
  onChange,
  compact = false,
}: {
  readonly initial?: string;
  readonly onChange: (choice: SignalChoice) => void;
  /** In the action bar: no visible label (the select is labelled for screen readers). */
  readonly compact?: boolean;
}) {
  const id = useId();
  const [picked, setPicked] = useState(initial);
  const [typed, setTyped] = useState('');
  const problem = picked === OTHER ? signalProblem(typed.trim().toUpperCase()) : undefined;

  const report = (nextPicked: string, nextTyped: string): void => {
    if (nextPicked !== OTHER) return onChange({ signal: nextPicked });
    const text = nextTyped.trim().toUpperCase();
    const why = signalProblem(text);
    onChange(why ? { problem: why } : { signal: text });
  };

  return (
    <span className="signal-picker">
      <label htmlFor={`${id}-select`} className={compact ? 'visually-hidden' : 'field-label'}>
        Signal
      </label>
      <select
        id={`${id}-select`}
        className="input signal-select"
        value={picked}
        onChange={(event) => {
          setPicked(event.target.value);
          report(event.target.value, typed);
        }}
        data-testid="signal-select"
      >
        {COMMON_SIGNALS.map((s) => (
          <option key={s.name} value={s.name} title={s.hint}>
            {compact ? `SIG${s.name}` : `SIG${s.name} · ${s.hint}`}
          </option>
        ))}
        <option value={OTHER}>Other…</option>
      </select>
      {picked === OTHER ? (
        <>
          <label htmlFor={`${id}-other`} className="visually-hidden">
            Other signal
          </label>
          <input
            id={`${id}-other`}
            className="input mono signal-other"
            value={typed}
            placeholder="RTMIN+3 or 10"
            maxLength={16}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={Boolean(problem)}
            aria-describedby={`${id}-problem`}
            onChange={(event) => {
              setTyped(event.target.value);
              report(picked, event.target.value);
            }}
            data-testid="signal-other"
          />
          <span id={`${id}-problem`} className="field-error signal-problem" role="alert">
            {typed ? problem : undefined}
          </span>
        </>
      ) : null}
    </span>
  );
}
