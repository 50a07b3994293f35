import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TerminalView } from './terminal-view';

interface SearchBoxProps {
  readonly view: TerminalView;
  /** Changes with every request to search, so the box takes the focus again. */
  readonly request: number;
  readonly onClose: () => void;
}

/** Find in the scrollback: Enter for the next match, Shift+Enter for the previous, Escape to close. */
export function SearchBox({ view, request, onClose }: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [request]);

  const find = (direction: 'next' | 'previous'): void => {
    if (!query) return;
    setMissing(!view.find(query, direction));
  };
  const close = (): void => {
    view.clearSearch();
    onClose();
    view.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      find(event.shiftKey ? 'previous' : 'next');
    }
  };

  return (
    <div className="term-search" role="search" data-testid="terminal-search">
      <input
        ref={inputRef}
        type="search"
        className="input term-search-input"
        aria-label="Find in the terminal"
        placeholder="Find in scrollback"
        value={query}
        aria-invalid={missing}
        onChange={(event) => {
          setQuery(event.target.value);
          setMissing(false);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="button term-small" onClick={() => find('previous')}>
        Previous
      </button>
      <button type="button" className="button term-small" onClick={() => find('next')}>
        Next
      </button>
      <button
        type="button"
        className="button button-quiet term-small"
        aria-label="Close search"
        onClick={close}
      >
        ✕
      </button>
      <span className="term-search-status" role="status">
        {missing ? 'No match' : ''}
      </span>
    </div>
  );
}
