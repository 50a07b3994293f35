import { Fragment, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { VolumeRow } from '../../../electron/shared/contract';
import { formatAge } from '../../../electron/shared/format/size';
import { useClient } from '../../api/CoreContext';
import { Banner } from '../../components/Banner';
import { useNow } from '../../components/useNow';
import { PruneDialog } from '../resources/PruneDialog';
import { FailureBanners, ListState, ResourceToolbar } from '../resources/ResourceLayout';
import { useResourceList, useResourceStores } from '../resources/ResourceStores';
import { useEngines } from '../resources/useEngines';
import { VolumeDetails } from './VolumeDetails';
import { VolumeRemoveDialog } from './VolumeRemoveDialog';
import { filterVolumes, volumeSize } from './volume-text';
import { useVolumeSizes } from './useVolumeSizes';

const key = (row: VolumeRow): string => `${row.connectionId}/${row.name}`;

const PRUNE_ALL = {
  label: 'Named volumes too',
  help: 'Without it only anonymous volumes no container uses go (docker volume prune on API 1.42+); with it every volume no container uses, named ones included (--all).',
};

/** The volumes of every connected engine: who mounts them, sizes on demand, remove and prune. */
export function VolumesView() {
  const client = useClient();
  const store = useResourceStores().volumes;
  const list = useResourceList(store);
  const { names, connected } = useEngines();
  const sizes = useVolumeSizes();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  const [removing, setRemoving] = useState<VolumeRow | undefined>();
  const [pruning, setPruning] = useState(false);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => filterVolumes(list.rows, deferred), [list.rows, deferred]);
  const manyEngines = names.size > 1;
  const now = useNow(60_000);

  const prune = useCallback(
    (connectionId: string, dryRun: boolean, all: boolean, signal: AbortSignal) => {
      if (!client) return Promise.reject(new Error('Not connected to the Bosun core.'));
      return client.call('volumes.prune', { connectionId, dryRun, all }, { signal, timeoutMs: 620_000 });
    },
    [client],
  );

  const state = ListState({
    loaded: list.loaded,
    error: list.error,
    total: list.rows.length,
    shown: shown.length,
    what: 'volumes',
    onReload: () => store.reload(),
    onClear: () => setQuery(''),
  });
  const columns = manyEngines ? 7 : 6;

  return (
    <section className="res-view" aria-label="Volumes" data-testid="volumes-view">
      <ResourceToolbar
        title="Volumes"
        noun="volume"
        query={query}
        onQuery={setQuery}
        shown={shown.length}
        total={list.loaded ? list.rows.length : undefined}
        reading={list.reading}
        onRefresh={() => store.reload()}
        actions={
          <>
            {sizes.measuring ? (
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
            )}
            <button
              type="button"
              className="button"
              onClick={() => setPruning(true)}
              disabled={connected.length === 0}
            >
              Prune…
            </button>
          </>
        }
      />
      <FailureBanners
        failures={list.failures}
        names={names}
        what="volumes"
        onRetry={(id) => store.refresh(id)}
      />
      {sizes.problems.length > 0 ? (
        <div className="res-banners">
          <Banner tone="warning" title="Some sizes are missing">
            {sizes.problems.join(' ')}
          </Banner>
        </div>
      ) : null}
      <div className="res-content">
        {state ?? (
          <table className="res-table" data-testid="volumes-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Driver</th>
                <th>Used by</th>
                <th className="res-num">Size</th>
                <th>Created</th>
                {manyEngines ? <th>Engine</th> : null}
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const expanded = open === key(row);
                const usage = sizes.sizes.get(key(row));
                return (
                  <Fragment key={key(row)}>
                    <tr data-testid="volume-row" data-name={row.name}>
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
                      {manyEngines ? <td>{names.get(row.connectionId) ?? row.connectionId}</td> : null}
                      <td>
                        <div className="res-row-actions">
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-expanded={expanded}
                            onClick={() => setOpen(expanded ? undefined : key(row))}
                          >
                            Details
                          </button>
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-label={`Remove ${row.name}`}
                            onClick={() => setRemoving(row)}
                          >
                            Remove…
                          </button>
                        </div>
                      </td>
                    </tr>
                    {expanded ? (
                      <tr className="res-detail">
                        <td colSpan={columns}>
                          <VolumeDetails row={row} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {removing ? (
        <VolumeRemoveDialog
          row={removing}
          usage={sizes.sizes.get(key(removing))}
          onDone={() => store.refresh(removing.connectionId)}
          onClose={() => setRemoving(undefined)}
        />
      ) : null}
      {pruning ? (
        <PruneDialog
          what="volumes"
          engines={connected}
          option={PRUNE_ALL}
          prune={prune}
          onDone={(id) => store.refresh(id)}
          onClose={() => setPruning(false)}
        />
      ) : null}
    </section>
  );
}
