import { ACTIONS } from './lifecycle-actions';
import { useBulk, useBulkStore } from './useLifecycle';

/**
 * The bulk action's progress ("Stopping 3 of 5…") and then its outcome: what worked in one line, every
 * failure with the core's message. Stays until dismissed, so nothing that failed scrolls away unseen.
 */
export function BulkStatus() {
  const { report } = useBulk();
  const store = useBulkStore();
  if (!report) return null;
  const failed = report.items.filter((item) => !item.ok);
  const succeeded = report.items.filter((item) => item.ok);
  const skipped = report.skipped > 0 ? `; ${report.skipped} skipped (the action does not apply to them)` : '';
  const tone = !report.finished ? 'busy' : failed.length > 0 ? 'failed' : 'done';
  return (
    <div className={`lc-status lc-status-${tone}`} data-testid="bulk-status" data-state={tone}>
      <div className="lc-status-line" role="status" aria-live="polite">
        {report.finished ? (
          <span data-testid="bulk-summary">
            <strong>{report.title}</strong>: {succeeded.length} of {report.total} done
            {failed.length > 0 ? `, ${failed.length} failed` : ''}
            {skipped}.
          </span>
        ) : (
          <span data-testid="bulk-progress">
            {ACTIONS[report.action].doing} {report.items.length} of {report.total}…
          </span>
        )}
        {report.finished ? null : (
          <progress
            className="lc-progress"
            value={report.items.length}
            max={report.total}
            aria-hidden="true"
          />
        )}
        {report.finished ? (
          <button
            type="button"
            className="button button-quiet lc-dismiss"
            aria-label="Dismiss the results"
            onClick={() => store.dismiss()}
          >
            ✕
          </button>
        ) : null}
      </div>
      {failed.length > 0 ? (
        <ul className="lc-failures" aria-label="Failed">
          {failed.map((item) => (
            <li key={item.key} data-testid="bulk-failure" data-name={item.name}>
              <strong>{item.name}</strong>: {item.message}
            </li>
          ))}
        </ul>
      ) : null}
      {succeeded.length > 0 ? (
        <details className="lc-done">
          <summary>Done ({succeeded.length})</summary>
          <ul>
            {succeeded.map((item) => (
              <li key={item.key} data-testid="bulk-done" data-name={item.name}>
                <strong>{item.name}</strong>: {item.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
