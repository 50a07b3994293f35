const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/**
 * Image, volume and disk sizes in decimal units with three significant digits, the way `docker images`
 * and `docker system df` print them (1.98 MB, 135 MB), so Bosun's numbers match the terminal's.
 */
export function formatSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = unit === 0 ? String(Math.round(value)) : value.toPrecision(3).replace(/\.?0+$/, '');
  return `${text} ${UNITS[unit]}`;
}

const STEPS: readonly (readonly [number, string])[] = [
  [365 * 24 * 3600_000, 'year'],
  [30 * 24 * 3600_000, 'month'],
  [7 * 24 * 3600_000, 'week'],
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
];

/** "3 hours ago", "2 weeks ago", as `docker images` says when an image was created. */
export function formatAge(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  for (const [ms, word] of STEPS) {
    const count = Math.floor(elapsed / ms);
    if (count >= 1) return `${count} ${word}${count === 1 ? '' : 's'} ago`;
  }
  return 'less than a minute ago';
}
