const KIB = 1024;
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.max(0, value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${units[i]}`;
}

/** Memory and totals the way `docker stats` shows them: 12.3 MiB, 1.50 GiB. */
export function formatBytes(bytes: number): string {
  return scaled(bytes, KIB, UNITS);
}

/** Transfer rates in decimal units, as network tools show them: 820 B/s, 12.5 kB/s, 3.20 MB/s. */
export function formatRate(bytesPerSecond: number): string {
  return `${scaled(bytesPerSecond, 1000, ['B', 'kB', 'MB', 'GB', 'TB'])}/s`;
}

/** 0.42 %, 12.3 %, 250 %. */
export function formatPercent(percent: number): string {
  const p = Math.max(0, percent);
  return `${p.toFixed(p >= 100 ? 0 : p >= 10 ? 1 : 2)} %`;
}
