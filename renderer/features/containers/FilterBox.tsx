import { useEffect, useRef } from 'react';

interface FilterBoxProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly shown: number;
  /** Undefined until the first list has arrived: no count is better than a wrong "0". */
  readonly total: number | undefined;
  /** Another filter (the state chips) narrows the list too: count "N of M" even with no text. */
  readonly filtered?: boolean;
  /** What the box filters, for another list than the containers (the pods). */
  readonly texts?: FilterTexts;
}

export interface FilterTexts {
  readonly placeholder: string;
  readonly title: string;
  readonly label: string;
  /** The list's region (aria-controls) and the prefix of the test ids (`${id}-filter`, `${id}-count`). */
  readonly id: string;
  readonly singular: string;
  readonly plural: string;
}

const CONTAINER_TEXTS: FilterTexts = {
  placeholder: 'Filter: name, image, state, port, project…',
  title: 'Words match any column; health:unhealthy, state:exited and project:shop match that field only',
  label: 'Filter containers',
  id: 'containers',
  singular: 'container',
  plural: 'containers',
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Filters as you type; `/` jumps here from anywhere (as in k9s, lazydocker, GitHub), Escape clears. */
export function FilterBox({
  value,
  onChange,
  shown,
  total,
  filtered = false,
  texts = CONTAINER_TEXTS,
}: FilterBoxProps) {
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
          placeholder={texts.placeholder}
          title={texts.title}
          aria-label={texts.label}
          aria-keyshortcuts="/"
          aria-controls={`${texts.id}-region`}
          spellCheck={false}
          autoComplete="off"
          data-testid={`${texts.id}-filter`}
        />
        <kbd className="filter-key" aria-hidden="true">
          /
        </kbd>
      </div>
      {total === undefined ? null : (
        <span className="filter-count" data-testid={`${texts.id}-count`} aria-live="polite">
          {value.trim() || filtered
            ? `${shown} of ${total}`
            : `${total} ${total === 1 ? texts.singular : texts.plural}`}
        </span>
      )}
    </div>
  );
}
