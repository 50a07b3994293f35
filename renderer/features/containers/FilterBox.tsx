import { useEffect, useRef } from 'react';

interface FilterBoxProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly shown: number;
  /** Undefined until the first list has arrived: no count is better than a wrong "0". */
  readonly total: number | undefined;
  /** Another filter (the state chips) narrows the list too: count "N of M" even with no text. */
  readonly filtered?: boolean;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Filters as you type; `/` jumps here from anywhere (as in k9s, lazydocker, GitHub), Escape clears. */
export function FilterBox({ value, onChange, shown, total, filtered = false }: FilterBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="filter">
      <div className="filter-field">
        <input
          ref={inputRef}
          className="input filter-input"
          type="text"
          role="searchbox"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            if (value) onChange('');
            else event.currentTarget.blur();
          }}
          placeholder="Filter: name, image, state, port, project…"
          title="Words match any column; health:unhealthy, state:exited and project:shop match that field only"
          aria-label="Filter containers"
          aria-keyshortcuts="/"
          aria-controls="containers-region"
          spellCheck={false}
          autoComplete="off"
          data-testid="containers-filter"
        />
        <kbd className="filter-key" aria-hidden="true">
          /
        </kbd>
      </div>
      {total === undefined ? null : (
        <span className="filter-count" data-testid="containers-count" aria-live="polite">
          {value.trim() || filtered
            ? `${shown} of ${total}`
            : `${total} ${total === 1 ? 'container' : 'containers'}`}
        </span>
      )}
    </div>
  );
}
