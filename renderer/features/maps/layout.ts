import dagre from '@dagrejs/dagre';
import type { MapEdge, MapNode } from '../../../electron/shared/contract';

export interface PlacedNode {
  readonly node: MapNode;
  /** Top-left corner and size, in SVG units. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: MapEdge;
  readonly points: readonly { x: number; y: number }[];
}

export interface MapLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

const NODE_HEIGHT = 40;
const CHAR_WIDTH = 7;

/** Wide enough for its label in the map's font, within bounds (long paths are cut with an ellipsis). */
export function nodeWidth(node: MapNode): number {
  return Math.min(260, Math.max(110, node.label.length * CHAR_WIDTH + 28));
}

/**
 * A layered left-to-right layout (dagre): containers on one side, what they mount or join on the
 * other, edges routed between the layers with few crossings.
 */
export function layoutMap(nodes: readonly MapNode[], edges: readonly MapEdge[]): MapLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 110, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: nodeWidth(node), height: NODE_HEIGHT });
  const known = new Set(nodes.map((n) => n.id));
  const drawn = edges.filter((e) => known.has(e.from) && known.has(e.to));
  for (const edge of drawn) graph.setEdge(edge.from, edge.to, {}, edge.id);
  dagre.layout(graph);
  const placed = nodes.map((node) => {
    const at = graph.node(node.id);
    return { node, x: at.x - at.width / 2, y: at.y - at.height / 2, width: at.width, height: at.height };
  });
  const routed = drawn.map((edge) => ({
    edge,
    points: graph.edge({ v: edge.from, w: edge.to, name: edge.id }).points ?? [],
  }));
  const size = graph.graph();
  return { nodes: placed, edges: routed, width: size.width ?? 0, height: size.height ?? 0 };
}
