/**
 * The smallest "round" number at or above `value`: 1, 2 or 5 times a power of ten, in the unit steps
 * of `base` (1024 for memory, so 5 MiB rather than 4.77 MiB; 1000 for rates; 10 for percent).
 */
export function niceCeil(value: number, base: 10 | 1000 | 1024 = 10): number {
  if (!(value > 0)) return 1;
  let unit = 1;
  if (base !== 10) while (value / unit >= base) unit *= base;
  const v = value / unit;
  const power = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 5, 10].find((s) => s * power >= v * (1 - 1e-9)) ?? 10;
  return step * power * unit;
}

/** A sample's place in a chart. */
export interface Point {
  readonly time: number;
  readonly value: number;
}

/** More than this between two samples is a gap (the container stopped, the link was lost): the line breaks. */
const GAP_MS = 3_500;

/**
 * An SVG path for points in a 1000 × 100 box: x from the time window, y from 0..max (clamped).
 * Lines break at gaps instead of bridging them.
 */
export function linePath(points: readonly Point[], start: number, end: number, max: number): string {
  const span = Math.max(1, end - start);
  const parts: string[] = [];
  let last = -Infinity;
  for (const p of points) {
    if (p.time < start - GAP_MS) continue;
    const x = ((p.time - start) / span) * 1000;
    const y = 100 - (Math.min(Math.max(p.value, 0), max) / max) * 100;
    parts.push(`${p.time - last > GAP_MS ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(2)}`);
    last = p.time;
  }
  return parts.join(' ');
}
