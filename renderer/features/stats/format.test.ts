import { describe, expect, it } from 'vitest';
import { niceCeil, linePath } from './chart-scale';
import { formatBytes, formatPercent, formatRate } from './format';

describe('formatting', () => {
  it('shows memory in binary units, as docker stats does', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64.0 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.50 GiB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MiB');
  });

  it('shows rates in decimal units per second', () => {
    expect(formatRate(820)).toBe('820 B/s');
    expect(formatRate(12_500)).toBe('12.5 kB/s');
    expect(formatRate(3_200_000)).toBe('3.20 MB/s');
  });

  it('shows percent with the digits that matter', () => {
    expect(formatPercent(0.421)).toBe('0.42 %');
    expect(formatPercent(12.34)).toBe('12.3 %');
    expect(formatPercent(250.4)).toBe('250 %');
    expect(formatPercent(-1)).toBe('0.00 %');
  });
});

describe('chart scale', () => {
  it('rounds the top of an axis up to 1, 2 or 5 in the unit steps of its base', () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(0.3)).toBe(0.5);
    expect(niceCeil(87.5)).toBe(100);
    expect(niceCeil(120)).toBe(200);
    expect(niceCeil(4.5 * 1024 * 1024, 1024)).toBe(5 * 1024 * 1024);
    expect(niceCeil(12_500, 1000)).toBe(20_000);
    expect(niceCeil(100, 10)).toBe(100);
  });

  it('draws a line over the window and breaks it at gaps', () => {
    const points = [
      { time: 0, value: 0 },
      { time: 1000, value: 50 },
      { time: 10_000, value: 100 },
    ];
    expect(linePath(points, 0, 10_000, 100)).toBe('M0.0 100.00 L100.0 50.00 M1000.0 0.00');
    // Values above the top are drawn at the top.
    expect(linePath([{ time: 5000, value: 500 }], 0, 10_000, 100)).toBe('M500.0 0.00');
  });
});
