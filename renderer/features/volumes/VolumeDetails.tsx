import type { VolumeRow } from '../../../electron/shared/contract';

function Pairs({ values }: { values: Readonly<Record<string, string>> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <span className="res-muted">none</span>;
  return (
    <>
      {entries.map(([k, v]) => (
        <div key={k} className="mono">
          {k}={v}
        </div>
      ))}
    </>
  );
}

/** Where a volume lives and how it was made: mountpoint, scope, labels, driver options. */
export function VolumeDetails({ row }: { row: VolumeRow }) {
  return (
    <dl data-testid="volume-details">
      <dt>Mountpoint</dt>
      <dd className="mono">{row.mountpoint || '—'}</dd>
      <dt>Scope</dt>
      <dd>{row.scope}</dd>
      <dt>Kind</dt>
      <dd>{row.anonymous ? 'anonymous (made for a container, without a name)' : 'named'}</dd>
      <dt>Created</dt>
      <dd>{row.created === null ? 'not reported' : new Date(row.created).toLocaleString()}</dd>
      <dt>Labels</dt>
      <dd>
        <Pairs values={row.labels} />
      </dd>
      <dt>Options</dt>
      <dd>
        <Pairs values={row.options} />
      </dd>
    </dl>
  );
}
