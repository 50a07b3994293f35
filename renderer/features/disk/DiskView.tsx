import type { DiskUse, EngineDiskUsage } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import '../resources/resources.css';
import { useEngines } from '../resources/useEngines';
import { useDiskUsage } from './useDiskUsage';

const KINDS = [
  ['images', 'Images'],
  ['containers', 'Containers (writable layers)'],
  ['volumes', 'Volumes'],
  ['buildCache', 'Build cache'],
] as const;

function size(bytes: number | null): string {
  return bytes === null ? 'unknown' : formatSize(bytes);
}

function share(use: DiskUse): string {
  if (use.reclaimable === null || !use.size) return '';
  return ` (${Math.round((use.reclaimable / use.size) * 100)}%)`;
}

function EngineUsage({ usage, name }: { usage: EngineDiskUsage; name: string }) {
  return (
    <section className="disk-engine" data-testid="disk-engine" data-connection={usage.connectionId}>
      <h2 className="disk-engine-name">{name}</h2>
      <table className="res-table">
        <thead>
          <tr>
            <th>Type</th>
            <th className="res-num">Total</th>
            <th className="res-num">In use</th>
            <th className="res-num">Size</th>
            <th className="res-num">Reclaimable</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map(([key, label]) => {
            const use = usage[key];
            return (
              <tr key={key} data-testid="disk-row" data-kind={key}>
                <td>{label}</td>
                <td className="res-num">{use.count}</td>
                <td className="res-num">{use.active}</td>
                <td className="res-num">{size(use.size)}</td>
                <td className="res-num">
                  {size(use.reclaimable)}
                  {share(use)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** `docker system df` for every engine, measured when opened (slow on big engines, so cancellable). */
export function DiskView() {
  const { state, measure, cancel } = useDiskUsage();
  const { names } = useEngines();
  const measuring = state.phase === 'measuring';
  let content;
  if (state.phase === 'measuring') {
    content = (
      <EmptyState
        kind="loading"
        busy
        title="Measuring disk use…"
        actions={
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        }
      >
        The engine adds up every image layer, container layer and volume: this may take a while on a big
        engine.
      </EmptyState>
    );
  } else if (state.phase === 'cancelled') {
    content = <EmptyState kind="empty" title="Measuring was cancelled" />;
  } else if (state.phase === 'failed') {
    content = (
      <EmptyState kind="error" title="Disk use could not be measured">
        {state.message}
      </EmptyState>
    );
  } else {
    content = (
      <>
        {state.result.failures.map((failure) => (
          <Banner
            key={failure.connectionId}
            tone="warning"
            testId="res-failure"
            title={`${names.get(failure.connectionId) ?? failure.connectionId} could not be measured`}
          >
            {failure.message}
          </Banner>
        ))}
        {state.result.engines.length === 0 && state.result.failures.length === 0 ? (
          <EmptyState kind="empty" title="No engine is connected" />
        ) : null}
        {state.result.engines.map((usage) => (
          <EngineUsage
            key={usage.connectionId}
            usage={usage}
            name={names.get(usage.connectionId) ?? usage.connectionId}
          />
        ))}
      </>
    );
  }
  return (
    <section className="res-view" aria-label="Disk use" data-testid="disk-view">
      <header className="res-toolbar">
        <h1 className="res-title">Disk use</h1>
        <div className="res-actions">
          <button type="button" className="button" onClick={measure} disabled={measuring}>
            {measuring ? 'Measuring…' : 'Measure again'}
          </button>
        </div>
      </header>
      <div className="res-content disk-content">{content}</div>
    </section>
  );
}
