import type { NetworkRow } from '../../../electron/shared/contract';
import { filterByWords } from '../resources/filter-words';

/** Every word must match the name, id, driver, scope, a subnet or gateway, or a container and its address. */
export function filterNetworks(rows: readonly NetworkRow[], query: string): readonly NetworkRow[] {
  return filterByWords(rows, query, (row) => [
    row.name,
    row.id,
    row.driver,
    row.scope,
    ...row.subnets.flatMap((s) => [s.subnet, s.gateway ?? '']),
    ...row.containers.flatMap((c) => [c.name, c.ipv4 ?? '']),
  ]);
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
