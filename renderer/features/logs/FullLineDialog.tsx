import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { parseAnsi, stripAnsi } from './ansi';
import { AnsiText } from './AnsiText';
import type { LogEntry } from './line-ring';
import { formatLogTime } from './log-time';

interface FullLineDialogProps {
  readonly entry: LogEntry;
  readonly onClose: () => void;
}

/**
 * A line too long for the list, whole: in a scrollable block of its own (one element, wrapped, so even
 * 100,000 characters are a single layout), with a copy button. Escape or the close button returns.
 */
export function FullLineDialog({ entry, onClose }: FullLineDialogProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const parsed = useMemo(() => parseAnsi(entry.text), [entry]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(stripAnsi(entry.text));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="log-dialog-backdrop" onClick={onClose}>
      <div
        className="log-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Full log line"
        data-testid="log-full-line"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <header className="log-dialog-head">
          <span>
            {entry.stream} · {formatLogTime(entry.time)} · {parsed.total.toLocaleString()} characters
          </span>
          <span className="log-dialog-actions">
            <span role="status" className="log-dialog-status">
              {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'The clipboard refused the text' : ''}
            </span>
            <button type="button" className="button" onClick={() => void copy()}>
              Copy
            </button>
            <button ref={closeRef} type="button" className="button button-quiet" onClick={onClose}>
              Close
            </button>
          </span>
        </header>
        <pre className="log-dialog-text" tabIndex={0}>
          <AnsiText spans={parsed.spans} />
        </pre>
      </div>
    </div>
  );
}
