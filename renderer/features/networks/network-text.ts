import type { NetworkRow } from '../../../electron/shared/contract';

export function filterNetworks(rows: readonly NetworkRow[], query: string): readonly NetworkRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = [
      row.name,
      row.id,
      row.driver,
      row.scope,
      ...row.subnets.flatMap((s) => [s.subnet, s.gateway ?? '']),
      ...row.containers.flatMap((c) => [c.name, c.ipv4 ?? '']),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Flags people look for: internal (no way out), attachable, ingress, IPv6. */
export function networkFlags(row: NetworkRow): string[] {
  return [
    row.builtIn ? 'built-in' : '',
    row.internal ? 'internal' : '',
    row.attachable ? 'attachable' : '',
    row.ingress ? 'ingress' : '',
    row.ipv6 ? 'IPv6' : '',
  ].filter(Boolean);
}
