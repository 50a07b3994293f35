import type { MapEdge, MapNode, NetworkMap } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';

function ContainerLink({ node, onOpen }: { node: MapNode | undefined; onOpen: (id: string) => void }) {
  if (!node?.container) return <>{node?.label ?? '?'}</>;
  const id = node.container.id;
  return (
    <button type="button" className="button-quiet map-link" onClick={() => onOpen(id)}>
      {node.label}
    </button>
  );
}

/** Every link of the map as a row: container, what, where, how, size. */
export function EdgeTable({
  nodes,
  edges,
  onOpenContainer,
}: {
  nodes: readonly MapNode[];
  edges: readonly MapEdge[];
  onOpenContainer: (id: string) => void;
}) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (
    <table className="res-table map-table" data-testid="map-table">
      <thead>
        <tr>
          <th>Container</th>
          <th>Kind</th>
          <th>Source / network</th>
          <th>Where</th>
          <th>Mode / aliases</th>
          <th className="res-num">Size</th>
        </tr>
      </thead>
      <tbody>
        {edges.map((edge) => {
          const target = byId.get(edge.to);
          return (
            <tr key={edge.id} data-testid="map-row">
              <td>
                <ContainerLink node={byId.get(edge.from)} onOpen={onOpenContainer} />
              </td>
              <td>{edge.kind}</td>
              <td className="map-path">{target?.label ?? edge.to}</td>
              <td className="map-path">{edge.label}</td>
              <td>
                {edge.readOnly === undefined
                  ? (edge.aliases ?? []).join(', ')
                  : edge.readOnly
                    ? 'read-only'
                    : 'read-write'}
              </td>
              <td className="res-num">
                {target?.sizeBytes !== undefined ? formatSize(target.sizeBytes) : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Who can reach whom: a cell names the networks that connect the two. */
export function ReachMatrix({ reach }: { reach: NetworkMap['reachability'] }) {
  const cells = new Map<string, string>();
  for (const pair of reach.pairs) {
    const text = pair.via.join(', ') + (pair.live ? '' : ' (not running)');
    cells.set(`${pair.from} ${pair.to}`, text);
    cells.set(`${pair.to} ${pair.from}`, text);
  }
  const noted = reach.containers.filter((c) => c.note);
  return (
    <section className="map-matrix" aria-label="Reachability">
      <h3>Who can reach whom</h3>
      <div className="map-matrix-scroll">
        <table className="res-table" data-testid="reach-matrix">
          <thead>
            <tr>
              <th>From \ to</th>
              {reach.containers.map((c) => (
                <th key={c.id} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reach.containers.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.name}
                  {row.mode !== 'networks' ? <span className="map-mode"> ({row.mode})</span> : null}
                </th>
                {reach.containers.map((col) => (
                  <td
                    key={col.id}
                    className={cells.has(`${row.id} ${col.id}`) ? 'map-reach-yes' : 'map-reach-no'}
                  >
                    {row.id === col.id ? '·' : (cells.get(`${row.id} ${col.id}`) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {noted.length > 0 ? (
        <ul className="map-notes">
          {noted.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>: {c.note}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
