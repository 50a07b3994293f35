import type { ReactNode } from 'react';

interface LogToggleProps {
  readonly pressed: boolean;
  readonly onToggle: () => void;
  readonly disabled?: boolean;
  readonly title?: string;
  /** The accessible name, when the visible text is a symbol (".*", "Aa"). */
  readonly label?: string;
  /** The compact size of the search bar. */
  readonly small?: boolean;
  readonly children: ReactNode;
}

/** An on/off button of the log viewer (follow, wrap, regex…): aria-pressed says its state to everyone. */
export function LogToggle({
  pressed,
  onToggle,
  disabled,
  title,
  label,
  small = false,
  children,
}: LogToggleProps) {
  return (
    <button
      type="button"
      className={`button log-toggle${small ? ' log-toggle-small' : ''}${pressed ? ' log-toggle-on' : ''}`}
      aria-pressed={pressed}
      aria-label={label}
      disabled={disabled}
      title={title}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}
