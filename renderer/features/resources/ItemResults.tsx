import type { ActionResult } from '../../../electron/shared/contract';

/** What became of each item of a destructive action: done, or why not (the core's words). */
export function ItemResults({
  results,
  label,
}: {
  results: readonly ActionResult[];
  label?: (id: string) => string;
}) {
  return (
    <ul className="res-results" data-testid="res-results">
      {results.map((result) => (
        <li
          key={result.id}
          className={result.ok ? 'res-result-ok' : 'res-result-failed'}
          data-testid="res-result"
          data-ok={String(result.ok)}
        >
          <span className="res-result-mark" aria-hidden="true">
            {result.ok ? '✓' : '✕'}
          </span>
          <span className="mono">{label ? label(result.id) : result.id}</span>: {result.message}
        </li>
      ))}
    </ul>
  );
}
