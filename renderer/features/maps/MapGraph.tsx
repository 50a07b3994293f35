import { useMemo } from 'react';
import type { MapEdge, MapNode } from '../../../electron/shared/contract';
import { layoutMap } from './layout';

const path = (points: readonly { x: number; y: number }[]): string =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

function shorten(label: string, width: number): string {
  const room = Math.floor((width - 20) / 7);
  return label.length <= room ? label : `…${label.slice(label.length - room + 1)}`;
}

/**
 * The map as a graph: dagre places the nodes, this draws them as SVG (no DOM library, nothing
 * evaluated at runtime, so it runs under the app's CSP). Flagged nodes are outlined; a container node
 * opens its details.
 */
export function MapGraph({
  nodes,
  edges,
  flagged,
  onOpenContainer,
}: {
  nodes: readonly MapNode[];
  edges: readonly MapEdge[];
  flagged: ReadonlySet<string>;
  onOpenContainer: (containerId: string) => void;
}) {
  const layout = useMemo(() => layoutMap(nodes, edges), [nodes, edges]);
  return (
    <div className="map-graph-scroll">
      <svg
        className="map-graph"
        data-testid="map-graph"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={`Map of ${nodes.length} nodes and ${edges.length} links`}
      >
        {layout.edges.map(({ edge, points }) => (
          <g key={edge.id} className={`map-edge map-edge-${edge.kind}${edge.readOnly ? ' map-edge-ro' : ''}`}>
            <path d={path(points)} />
            <title>{`${edge.label}${edge.readOnly === undefined ? '' : edge.readOnly ? ' (read-only)' : ' (read-write)'}`}</title>
          </g>
        ))}
        {layout.nodes.map(({ node, x, y, width, height }) => {
          const container = node.kind === 'container' && node.container;
          return (
            <g
              key={node.id}
              className={`map-node map-node-${node.kind}${flagged.has(node.id) ? ' map-node-flagged' : ''}`}
              data-testid="map-node"
              data-node={node.id}
              transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}
              {...(container
                ? {
                    role: 'button',
                    tabIndex: 0,
                    'aria-label': `${node.label}: open details`,
                    onClick: () => onOpenContainer(container.id),
                    onKeyDown: (event: React.KeyboardEvent) => {
                      if (event.key === 'Enter' || event.key === ' ') onOpenContainer(container.id);
                    },
                  }
                : {})}
            >
              <rect width={width} height={height} rx={6} />
              <text x={10} y={16} className="map-node-kind">
                {node.kind === 'hostPath' ? 'host path' : node.kind}
              </text>
              <text x={10} y={31} className="map-node-label">
                {shorten(node.label, width)}
              </text>
              <title>{[node.label, ...node.facts.map((f) => `${f.name}: ${f.value}`)].join('\n')}</title>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
