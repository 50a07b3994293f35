import { useState, type KeyboardEvent, type Ref } from 'react';
import type { SearchSnapshot } from './log-search';
import { LogToggle } from './LogToggle';
import type { SearchOptions } from './search-query';

interface LogSearchBarProps {
  readonly search: SearchSnapshot;
  readonly onQuery: (query: string, options: SearchOptions) => void;
  readonly onNext: () => void;
  readonly onPrevious: () => void;
  readonly inputRef: Ref<HTMLInputElement>;
}

/** The search's on/off options, each a small button with a symbol and its name for screen readers. */
const OPTION_TOGGLES: ReadonlyArray<{ option: keyof SearchOptions; text: string; label: string }> = [
  { option: 'regex', text: '.*', label: 'Regular expression' },
  { option: 'caseSensitive', text: 'Aa', label: 'Match case' },
];

/** What the count says: progress while counting, "3 of 1,204" once a match is selected. */
function countText(search: SearchSnapshot): string {
  if (!search.pattern) return '';
  const total = `${search.total.toLocaleString()}${search.capped ? '+' : ''}`;
  if (search.searching) return `Searching… ${total} so far`;
  if (search.total === 0) return 'No matches';
  if (search.current) return `${(search.current.index + 1).toLocaleString()} of ${total}`;
  return search.total === 1 ? '1 match' : `${total} matches`;
}

/** Moves to the previous or next match; its title names the keys that do the same. */
function StepButton(props: {
  readonly label: string;
  readonly keys: string;
  readonly disabled: boolean;
  readonly onStep: () => void;
  readonly children: string;
}) {
  return (
    <button
      type="button"
      className="button log-toggle-small"
      aria-label={props.label}
      title={`${props.label} (${props.keys})`}
      disabled={props.disabled}
      onClick={props.onStep}
    >
      {props.children}
    </button>
  );
}

/** Find in the held lines: plain text or a regular expression, with or without case; Enter / Shift+Enter step. */
export function LogSearchBar({ search, onQuery, onNext, onPrevious, inputRef }: LogSearchBarProps) {
  const [query, setQuery] = useState(search.query);
  const [options, setOptions] = useState<SearchOptions>(search.options);

  const change = (nextQuery: string, nextOptions: SearchOptions): void => {
    setQuery(nextQuery);
    setOptions(nextOptions);
    onQuery(nextQuery, nextOptions);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) onPrevious();
      else onNext();
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      change('', options);
    }
  };
  const hasMatches = search.total > 0;

  return (
    <div className="log-search" role="search">
      <input
        ref={inputRef}
        type="search"
        className="input log-search-input"
        aria-label="Search the log"
        placeholder="Search (Ctrl+F)"
        value={query}
        aria-invalid={search.error !== undefined}
        aria-describedby={search.error ? 'log-search-error' : undefined}
        onChange={(event) => change(event.target.value, options)}
        onKeyDown={onKeyDown}
      />
      {OPTION_TOGGLES.map(({ option, text, label }) => (
        <LogToggle
          key={option}
          small
          pressed={options[option]}
          label={label}
          title={label}
          onToggle={() => change(query, { ...options, [option]: !options[option] })}
        >
          {text}
        </LogToggle>
      ))}
      <StepButton
        label="Previous match"
        keys="Shift+Enter, Shift+F3"
        disabled={!hasMatches}
        onStep={onPrevious}
      >
        ↑
      </StepButton>
      <StepButton label="Next match" keys="Enter, F3" disabled={!hasMatches} onStep={onNext}>
        ↓
      </StepButton>
      {search.error ? (
        <span id="log-search-error" className="log-field-error" role="alert">
          {search.error}
        </span>
      ) : (
        <span
          className="log-search-count"
          role="status"
          data-testid="log-search-count"
          aria-busy={search.searching}
        >
          {countText(search)}
        </span>
      )}
    </div>
  );
}
