import type { VolumeRow } from '../../../electron/shared/contract';
import { formatAge } from '../../../electron/shared/format/size';
import { Banner } from '../../components/Banner';
import { useNow } from '../../components/useNow';
import { useResourceStores } from '../resources/ResourceStores';
import type { Column } from '../resources/ResourceTable';
import { ResourceView, type PruneCall } from '../resources/ResourceView';
import { useEngines } from '../resources/useEngines';
import { VolumeDetails } from './VolumeDetails';
import { VolumeRemoveDialog } from './VolumeRemoveDialog';
import { filterVolumes, volumeSize } from './volume-text';
import { useVolumeSizes } from './useVolumeSizes';

const key = (row: VolumeRow): string => `${row.connectionId}/${row.name}`;

const HEADERS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Driver' },
  { label: 'Used by' },
  { label: 'Size', numeric: true },
  { label: 'Created' },
];

const PRUNE_ALL = {
  label: 'Named volumes too',
  help: 'Without it only anonymous volumes no container uses go (docker volume prune on API 1.42+); with it every volume no container uses, named ones included (--all).',
};

// Past the core's own 600 s limit, so the core's answer (even its TIMEOUT) comes before ours.
const pruneVolumes: PruneCall = (client, request, signal) =>
  client.call('volumes.prune', request, { signal, timeoutMs: 620_000 });

/** The volumes of every connected engine: who mounts them, sizes on demand, remove and prune. */
export function VolumesView() {
  const store = useResourceStores().volumes;
  const { connected } = useEngines();
  const sizes = useVolumeSizes();
  const now = useNow(60_000);

  return (
    <ResourceView
      store={store}
      title="Volumes"
      noun="volume"
      filter={filterVolumes}
      actions={
        sizes.measuring ? (
          <button type="button" className="button" onClick={sizes.cancel} aria-busy="true">
            Measuring… Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={connected.length === 0}
            title="The engine reads every file of every volume: this can take a while on big volumes."
            onClick={() => sizes.measure(connected.map((c) => c.id))}
          >
            Measure sizes
          </button>
        )
      }
      banners={
        sizes.problems.length > 0 ? (
          <div className="res-banners">
            <Banner tone="warning" title="Some sizes are missing">
              {sizes.problems.join(' ')}
            </Banner>
          </div>
        ) : null
      }
      headers={HEADERS}
      rowKey={key}
      rowLabel={(row) => row.name}
      cells={(row) => {
        const usage = sizes.sizes.get(key(row));
        return (
          <>
            <td>
              <span className="mono" title={row.name}>
                {row.anonymous ? row.name.slice(0, 12) : row.name}
              </span>
              {row.anonymous ? <span className="res-tag">anonymous</span> : null}
            </td>
            <td>{row.driver}</td>
            <td data-testid="volume-used-by">
              {row.usedBy.length === 0 ? (
                <span className="res-muted">unused</span>
              ) : (
                row.usedBy.map((c) => `${c.name} (${c.state})`).join(', ')
              )}
            </td>
            <td
              className="res-num"
              data-testid="volume-size"
              title={usage ? undefined : 'Not measured yet: Measure sizes asks the engine'}
            >
              {volumeSize(usage)}
            </td>
            <td>{row.created === null ? '—' : formatAge(row.created, now)}</td>
          </>
        );
      }}
      detail={{ label: 'Details', render: (row) => <VolumeDetails row={row} /> }}
      removeDialog={(row, hooks) => (
        <VolumeRemoveDialog row={row} usage={sizes.sizes.get(key(row))} {...hooks} />
      )}
      prune={pruneVolumes}
      pruneOption={PRUNE_ALL}
    />
  );
}
