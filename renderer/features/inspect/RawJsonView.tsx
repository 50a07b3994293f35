import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CopyButton } from './CopyButton';
import {
  findMatches,
  foldablePaths,
  foldsHiding,
  jsonLines,
  MAX_MATCHES,
  visibleLines,
  type Match,
} from './json-lines';
import { JsonLineView } from './JsonLineView';

interface RawJsonViewProps {
  readonly raw: Record<string, unknown>;
  /** Whether `raw` holds secrets in the clear (the copy then does too). */
  readonly revealed: boolean;
}

const NONE: readonly Match[] = [];

function countText(query: string, total: number, index: number): string {
  if (!query) return '';
  if (total === 0) return 'No matches';
  const all = `${total.toLocaleString('en-US')}${total >= MAX_MATCHES ? '+' : ''}`;
  return `${(index + 1).toLocaleString('en-US')} of ${all}`;
}

/**
 * The engine's document, pretty-printed and coloured, with find (plain text, every match highlighted,
 * next/previous), Copy (exactly the text shown, masked unless revealed) and folding of objects.
 */
export function RawJsonView({ raw, revealed }: RawJsonViewProps) {
  const lines = useMemo(() => jsonLines(raw), [raw]);
  const [folded, setFolded] = useState<ReadonlySet<string>>(() => new Set());
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollPending = useRef(false);

  const matches = useMemo(() => findMatches(lines, query), [lines, query]);
  const byLine = useMemo(() => {
    const map = new Map<number, Match[]>();
    for (const match of matches) map.set(match.line, [...(map.get(match.line) ?? []), match]);
    return map;
  }, [matches]);
  const at = Math.min(index, Math.max(0, matches.length - 1));
  const current = matches[at];
  const shown = useMemo(() => visibleLines(lines, folded), [lines, folded]);

  // Going to a match unfolds what hides it and scrolls to it, once: folding afterwards is the user's.
  const goTo = (match: Match | undefined): void => {
    if (!match) return;
    scrollPending.current = true;
    setFolded((previous) => {
      const hiding = foldsHiding(lines, previous, match.line);
      return hiding.length === 0 ? previous : new Set([...previous].filter((path) => !hiding.includes(path)));
    });
  };
  useLayoutEffect(() => {
    if (!scrollPending.current) return;
    const mark = bodyRef.current?.querySelector('[data-current-match]');
    if (!mark) return;
    scrollPending.current = false;
    mark.scrollIntoView?.({ block: 'nearest' });
  });

  const search = (text: string): void => {
    setQuery(text);
    setIndex(0);
    goTo(findMatches(lines, text)[0]);
  };
  const step = (by: number): void => {
    if (matches.length === 0) return;
    const next = (at + by + matches.length) % matches.length;
    setIndex(next);
    goTo(matches[next]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      search('');
    }
  };
  const toggle = useCallback(
    (line: number): void => {
      const path = lines[line]?.path;
      if (path === undefined) return;
      setFolded((previous) => {
        const next = new Set(previous);
        if (!next.delete(path)) next.add(path);
        return next;
      });
    },
    [lines],
  );

  return (
    <div className="json-view" data-testid="raw-json" data-revealed={revealed}>
      <div className="json-toolbar">
        <div className="json-search" role="search">
          <input
            type="search"
            className="input json-search-input"
            aria-label="Search the raw JSON"
            placeholder="Search"
            value={query}
            onChange={(event) => search(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <span className="json-count" role="status" data-testid="json-match-count">
            {countText(query, matches.length, at)}
          </span>
          <button type="button" className="button" disabled={matches.length === 0} onClick={() => step(-1)}>
            Previous
          </button>
          <button type="button" className="button" disabled={matches.length === 0} onClick={() => step(1)}>
            Next
          </button>
        </div>
        <div className="json-actions">
          <button type="button" className="button button-quiet" onClick={() => setFolded(new Set())}>
            Expand all
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setFolded(new Set(foldablePaths(lines)))}
          >
            Collapse all
          </button>
          <CopyButton
            text={() => JSON.stringify(raw, null, 2)}
            label={revealed ? 'Copy (secrets shown)' : 'Copy'}
          />
        </div>
      </div>
      <div ref={bodyRef} className="json-body mono" tabIndex={0} aria-label="Raw JSON">
        {shown.map((lineIndex) => {
          const line = lines[lineIndex]!;
          const isFolded = line.end !== undefined && folded.has(line.path);
          return (
            <JsonLineView
              key={lineIndex}
              line={line}
              closing={isFolded ? lines[line.end!] : undefined}
              matches={byLine.get(lineIndex) ?? NONE}
              current={current?.line === lineIndex ? current : undefined}
              index={lineIndex}
              onToggle={toggle}
            />
          );
        })}
      </div>
    </div>
  );
}
