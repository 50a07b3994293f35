import { Fragment, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ImageRow } from '../../../electron/shared/contract';
import { formatAge, formatSize } from '../../../electron/shared/format/size';
import { useClient } from '../../api/CoreContext';
import { useNow } from '../../components/useNow';
import { PruneDialog } from '../resources/PruneDialog';
import { FailureBanners, ListState, ResourceToolbar } from '../resources/ResourceLayout';
import { useResourceList, useResourceStores } from '../resources/ResourceStores';
import { useEngines } from '../resources/useEngines';
import { filterImages, imageLabel, shortId } from './image-filter';
import { ImageLayers } from './ImageLayers';
import { ImageRemoveDialog } from './ImageRemoveDialog';

const key = (row: ImageRow): string => `${row.connectionId}/${row.id}`;

function InUse({ row }: { row: ImageRow }) {
  const count = row.containers.length;
  return (
    <span
      data-testid="image-in-use"
      data-count={count}
      title={row.containers.map((c) => `${c.name} (${c.state})`).join('\n')}
    >
      {count === 0 ? (
        <span className="res-muted">unused</span>
      ) : (
        `${count} container${count === 1 ? '' : 's'}`
      )}
    </span>
  );
}

/** The images of every connected engine: names, size, age, who uses them, layers, remove and prune. */
export function ImagesView() {
  const client = useClient();
  const store = useResourceStores().images;
  const list = useResourceList(store);
  const { names, connected } = useEngines();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | undefined>();
  const [removing, setRemoving] = useState<ImageRow | undefined>();
  const [pruning, setPruning] = useState(false);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => filterImages(list.rows, deferred), [list.rows, deferred]);
  const manyEngines = names.size > 1;
  const now = useNow(60_000);

  const prune = useCallback(
    (connectionId: string, dryRun: boolean, all: boolean, signal: AbortSignal) => {
      if (!client) return Promise.reject(new Error('Not connected to the Bosun core.'));
      return client.call('images.prune', { connectionId, dryRun, all }, { signal, timeoutMs: 620_000 });
    },
    [client],
  );

  const state = ListState({
    loaded: list.loaded,
    error: list.error,
    total: list.rows.length,
    shown: shown.length,
    what: 'images',
    onReload: () => store.reload(),
    onClear: () => setQuery(''),
  });

  return (
    <section className="res-view" aria-label="Images" data-testid="images-view">
      <ResourceToolbar
        title="Images"
        noun="image"
        query={query}
        onQuery={setQuery}
        shown={shown.length}
        total={list.loaded ? list.rows.length : undefined}
        reading={list.reading}
        onRefresh={() => store.reload()}
        actions={
          <button
            type="button"
            className="button"
            onClick={() => setPruning(true)}
            disabled={connected.length === 0}
          >
            Prune…
          </button>
        }
      />
      <FailureBanners
        failures={list.failures}
        names={names}
        what="images"
        onRetry={(id) => store.refresh(id)}
      />
      <div className="res-content">
        {state ?? (
          <table className="res-table" data-testid="images-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Image ID</th>
                <th className="res-num">Size</th>
                <th>Created</th>
                <th>In use by</th>
                {manyEngines ? <th>Engine</th> : null}
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const expanded = open === key(row);
                return (
                  <Fragment key={key(row)}>
                    <tr data-testid="image-row" data-name={imageLabel(row)} data-id={row.id}>
                      <td>
                        <div className="res-names">
                          {row.repoTags.length > 0 ? (
                            row.repoTags.map((tag) => (
                              <span key={tag} className="mono">
                                {tag}
                              </span>
                            ))
                          ) : (
                            <span className="mono res-muted">
                              &lt;none&gt;<span className="res-tag">dangling</span>
                            </span>
                          )}
                        </div>
                      </td>
                      <td className="mono">{shortId(row.id)}</td>
                      <td className="res-num" data-testid="image-size">
                        {formatSize(row.size)}
                      </td>
                      <td title={new Date(row.created).toLocaleString()}>{formatAge(row.created, now)}</td>
                      <td>
                        <InUse row={row} />
                      </td>
                      {manyEngines ? <td>{names.get(row.connectionId) ?? row.connectionId}</td> : null}
                      <td>
                        <div className="res-row-actions">
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-expanded={expanded}
                            onClick={() => setOpen(expanded ? undefined : key(row))}
                          >
                            Layers
                          </button>
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-label={`Remove ${imageLabel(row)}`}
                            onClick={() => setRemoving(row)}
                          >
                            Remove…
                          </button>
                        </div>
                      </td>
                    </tr>
                    {expanded ? (
                      <tr className="res-detail">
                        <td colSpan={manyEngines ? 7 : 6}>
                          <ImageLayers connectionId={row.connectionId} image={row.id} />
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
        <ImageRemoveDialog
          row={removing}
          onDone={() => store.refresh(removing.connectionId)}
          onClose={() => setRemoving(undefined)}
        />
      ) : null}
      {pruning ? (
        <PruneDialog
          what="images"
          engines={connected}
          option={{
            label: 'All unused images, named ones too',
            help: 'Without it only dangling images (no name) go, like docker image prune; with it every image no container uses, like docker image prune -a.',
          }}
          prune={prune}
          onDone={(id) => store.refresh(id)}
          onClose={() => setPruning(false)}
        />
      ) : null}
    </section>
  );
}
