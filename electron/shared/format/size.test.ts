import { describe, expect, it } from 'vitest';
import { formatAge, formatSize } from './size';

describe('formatSize', () => {
  it('prints decimal units with three significant digits, like docker', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(999)).toBe('999 B');
    expect(formatSize(1_984_270)).toBe('1.98 MB');
    expect(formatSize(134_868_730)).toBe('135 MB');
    expect(formatSize(2_000_000_000)).toBe('2 GB');
    expect(formatSize(-5)).toBe('0 B');
  });
});

describe('formatAge', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(formatAge(0, 30_000)).toBe('less than a minute ago');
    expect(formatAge(0, 60_000)).toBe('1 minute ago');
    expect(formatAge(0, 5 * 3600_000)).toBe('5 hours ago');
    expect(formatAge(0, 15 * 24 * 3600_000)).toBe('2 weeks ago');
  });
});
