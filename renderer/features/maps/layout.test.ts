import { describe, expect, it } from 'vitest';
import type { MapEdge, MapNode } from '../../../electron/shared/contract';
import { layoutMap } from './layout';

const node = (id: string, kind: MapNode['kind']): MapNode => ({ id, kind, label: id, facts: [] });
const edge = (from: string, to: string, label: string): MapEdge => ({
  id: `${from}>${to}>${label}`,
  from,
  to,
  kind: 'bind',
  label,
});

describe('layoutMap', () => {
  it('places every node without overlaps, containers left of what they mount, and routes every edge', () => {
    const nodes = [
      node('container:a', 'container'),
      node('container:b', 'container'),
      node('hostPath:/srv', 'hostPath'),
    ];
    // Two mounts of one path by one container: both edges are kept (a multigraph).
    const edges = [
      edge('container:a', 'hostPath:/srv', '/x'),
      edge('container:a', 'hostPath:/srv', '/y'),
      edge('container:b', 'hostPath:/srv', '/z'),
    ];
    const layout = layoutMap(nodes, edges);
    expect(layout.nodes).toHaveLength(3);
    expect(layout.edges).toHaveLength(3);
    const at = Object.fromEntries(layout.nodes.map((p) => [p.node.id, p]));
    expect(at['container:a']!.x + at['container:a']!.width).toBeLessThan(at['hostPath:/srv']!.x);
    const [a, b] = [at['container:a']!, at['container:b']!];
    expect(a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    for (const routed of layout.edges) expect(routed.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('drops edges to nodes it was not given', () => {
    expect(
      layoutMap([node('container:a', 'container')], [edge('container:a', 'volume:x', '/d')]).edges,
    ).toEqual([]);
  });
});
