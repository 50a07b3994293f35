import type { MapFlag, MapNode, NetworkMap, StorageMap } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import { printable } from '../printable';
import { renderTable } from '../table';

// Names and paths come from the engine: each line is made printable, the line breaks are ours.
const printLines = (lines: readonly string[]): string => lines.map(printable).join('\n');

const byId = (nodes: readonly MapNode[]): Map<string, MapNode> => new Map(nodes.map((n) => [n.id, n]));

function flagLines(flags: readonly MapFlag[]): string[] {
  if (flags.length === 0) return ['Flags: none'];
  const lines = ['Flags:'];
  for (const flag of flags) {
    lines.push(`  ${flag.severity.toUpperCase().padEnd(8)}  ${flag.title}`);
    lines.push(`            ${flag.why}`);
    for (const e of flag.evidence)
      lines.push(`            ${e.container ? `${e.container}: ` : ''}${e.field} = ${e.value}`);
  }
  return lines;
}

const noteLines = (notes: readonly string[]): string[] => notes.map((note) => `Note: ${note}`);

function containerTitle(node: MapNode): string {
  const size = node.sizeBytes !== undefined ? `, writable layer ${formatSize(node.sizeBytes)}` : '';
  return `${node.label} (${node.container?.state ?? 'unknown'}${size})`;
}

/** Per container its mounts (what, where, how), then the flags with their evidence. */
export function formatStorageMap(map: StorageMap): string {
  const nodes = byId(map.nodes);
  const lines: string[] = [];
  for (const node of map.nodes.filter((n) => n.kind === 'container')) {
    lines.push(containerTitle(node));
    const mounts = map.edges.filter((e) => e.from === node.id);
    if (mounts.length === 0) lines.push('  (no mounts: only its writable layer)');
    for (const edge of mounts) {
      const target = nodes.get(edge.to);
      const size = target?.sizeBytes !== undefined ? ` ${formatSize(target.sizeBytes)}` : '';
      const driver = target?.facts.find((f) => f.name === 'driver')?.value;
      const what =
        edge.kind === 'tmpfs' ? 'tmpfs' : `${target?.label ?? edge.to}${driver ? ` (${driver}${size})` : ''}`;
      lines.push(`  ${edge.kind.padEnd(6)} ${what} -> ${edge.label}  ${edge.readOnly ? 'ro' : 'rw'}`);
    }
  }
  return printLines([...lines, '', ...flagLines(map.flags), ...noteLines(map.notes)]);
}

function matrix(map: NetworkMap): string[] {
  const members = map.reachability.containers;
  if (members.length === 0) return ['Reachability: no containers'];
  const reach = new Map<string, string>();
  for (const pair of map.reachability.pairs) {
    const cell = pair.via.join(',') + (pair.live ? '' : ' (stopped)');
    reach.set(`${pair.from} ${pair.to}`, cell);
    reach.set(`${pair.to} ${pair.from}`, cell);
  }
  const rows = members.map((c, i) => [
    String(i + 1),
    c.name,
    c.mode === 'networks' ? '' : c.mode,
    ...members.map((other) => (other.id === c.id ? '·' : (reach.get(`${c.id} ${other.id}`) ?? '-'))),
  ]);
  const table = renderTable(['#', 'CONTAINER', 'MODE', ...members.map((_, i) => String(i + 1))], rows);
  const notes = members.filter((c) => c.note).map((c) => `  ${c.name}: ${c.note}`);
  return [
    'Reachability (a cell names the networks that connect the two; - : none):',
    ...table.split('\n'),
    ...notes,
  ];
}

/** Per network its members (addresses, aliases), the published ports, the matrix, then the flags. */
export function formatNetworkMap(map: NetworkMap): string {
  const nodes = byId(map.nodes);
  const lines: string[] = [];
  for (const network of map.nodes.filter((n) => n.kind === 'network')) {
    const facts = network.facts.map((f) => (f.name === 'driver' ? f.value : `${f.name}: ${f.value}`));
    lines.push(`network ${network.label} (${facts.join('; ')})`);
    for (const edge of map.edges.filter((e) => e.to === network.id)) {
      const aliases = edge.aliases && edge.aliases.length > 0 ? `  aliases: ${edge.aliases.join(', ')}` : '';
      lines.push(`  ${nodes.get(edge.from)?.label ?? edge.from}  ${edge.label}${aliases}`);
    }
  }
  const published = map.edges.filter((e) => e.kind === 'publish');
  if (published.length > 0) {
    lines.push('', 'Published ports:');
    for (const edge of published) {
      const port = nodes.get(edge.to);
      const exposed = port?.facts.some((f) => f.value.includes('exposed')) ? '  EXPOSED' : '';
      lines.push(
        `  ${nodes.get(edge.from)?.label ?? edge.from}  ${port?.label ?? ''} -> ${edge.label}${exposed}`,
      );
    }
  }
  return printLines([...lines, '', ...matrix(map), '', ...flagLines(map.flags), ...noteLines(map.notes)]);
}
