/**
 * Whether labels pass a `label=` filter the way the engine applies it: `key` needs the label, `key=value`
 * needs that value. A dry run must pick exactly what the engine's prune with the same filter removes.
 */
export function matchesLabel(labels: Readonly<Record<string, string>>, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  const at = filter.indexOf('=');
  if (at < 0) return Object.hasOwn(labels, filter);
  const key = filter.slice(0, at);
  return Object.hasOwn(labels, key) && labels[key] === filter.slice(at + 1);
}
