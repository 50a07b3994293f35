import type { ImageRow } from '../../../electron/shared/contract';
import { formatAge, formatSize } from '../../../electron/shared/format/size';
import { useNow } from '../../components/useNow';
import { useResourceStores } from '../resources/ResourceStores';
import type { Column } from '../resources/ResourceTable';
import { ResourceView, type PruneCall } from '../resources/ResourceView';
import { filterImages, imageLabel, shortId } from './image-filter';
import { ImageLayers } from './ImageLayers';
import { ImageRemoveDialog } from './ImageRemoveDialog';

const key = (row: ImageRow): string => `${row.connectionId}/${row.id}`;

const HEADERS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Image ID' },
  { label: 'Size', numeric: true },
  { label: 'Created' },
  { label: 'In use by' },
];

const PRUNE_ALL = {
  label: 'All unused images, named ones too',
  help: 'Without it only dangling images (no name) go, like docker image prune; with it every image no container uses, like docker image prune -a.',
};

// Past the core's own 600 s limit, so the core's answer (even its TIMEOUT) comes before ours.
const pruneImages: PruneCall = (client, request, signal) =>
  client.call('images.prune', request, { signal, timeoutMs: 620_000 });

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

function Names({ row }: { row: ImageRow }) {
  return (
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
  );
}

/** The images of every connected engine: names, size, age, who uses them, layers, remove and prune. */
export function ImagesView() {
  const store = useResourceStores().images;
  const now = useNow(60_000);
  return (
    <ResourceView
      store={store}
      title="Images"
      noun="image"
      filter={filterImages}
      headers={HEADERS}
      rowKey={key}
      rowLabel={imageLabel}
      rowId={(row) => row.id}
      cells={(row) => (
        <>
          <td>
            <Names row={row} />
          </td>
          <td className="mono">{shortId(row.id)}</td>
          <td className="res-num" data-testid="image-size">
            {formatSize(row.size)}
          </td>
          <td title={new Date(row.created).toLocaleString()}>{formatAge(row.created, now)}</td>
          <td>
            <InUse row={row} />
          </td>
        </>
      )}
      detail={{
        label: 'Layers',
        render: (row) => <ImageLayers connectionId={row.connectionId} image={row.id} />,
      }}
      removeDialog={(row, hooks) => <ImageRemoveDialog row={row} {...hooks} />}
      prune={pruneImages}
      pruneOption={PRUNE_ALL}
    />
  );
}
