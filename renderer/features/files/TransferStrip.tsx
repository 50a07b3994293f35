import { formatSize } from '../../../electron/shared/format/size';
import type { Transfer, TransfersStore } from './transfers-store';

function amount(transfer: Transfer): string {
  const done = formatSize(transfer.bytes);
  return transfer.total !== null ? `${done} of ${formatSize(transfer.total)}` : done;
}

function title(transfer: Transfer): string {
  const verb = transfer.kind === 'download' ? 'Downloading' : `Uploading to ${transfer.where}:`;
  return `${verb} ${transfer.label}`;
}

/** The transfers of this container: progress and Cancel while running, what happened once over. */
export function TransferStrip({
  transfers,
  store,
}: {
  transfers: readonly Transfer[];
  store: TransfersStore;
}) {
  if (transfers.length === 0) return null;
  return (
    <ul className="files-transfers" aria-label="Transfers" data-testid="files-transfers">
      {transfers.map((transfer) => {
        const running = transfer.state === 'running';
        const percent =
          transfer.total && transfer.total > 0
            ? Math.min(100, (transfer.bytes / transfer.total) * 100)
            : undefined;
        return (
          <li
            key={transfer.id}
            className={`files-transfer files-transfer-${transfer.state}`}
            data-testid="files-transfer"
            data-kind={transfer.kind}
            data-state={transfer.state}
          >
            <div className="files-transfer-text">
              <span className="files-transfer-title">{running ? title(transfer) : transfer.message}</span>
              {running ? <span className="files-transfer-amount mono">{amount(transfer)}</span> : null}
              {!running &&
              transfer.results &&
              transfer.results.some((r) => !r.ok) &&
              transfer.results.length > 1 ? (
                <details className="files-transfer-results">
                  <summary>Each file</summary>
                  <ul>
                    {transfer.results.map((result) => (
                      <li key={result.name} data-ok={result.ok}>
                        <span className="mono">{result.name}</span>: {result.ok ? 'uploaded' : result.message}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
            {running ? (
              <progress
                className="files-progress"
                max={100}
                {...(percent !== undefined ? { value: percent } : {})}
                aria-label={`${title(transfer)}: ${amount(transfer)}`}
              />
            ) : null}
            {running ? (
              <button type="button" className="button" onClick={() => store.cancel(transfer.id)}>
                Cancel
              </button>
            ) : (
              <button
                type="button"
                className="button button-quiet"
                aria-label="Dismiss"
                onClick={() => store.dismiss(transfer.id)}
              >
                ✕
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
