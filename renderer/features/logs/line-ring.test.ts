import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/shared/contract';
import { LineRing } from './line-ring';

const line = (text: string, time = '1700000000.000000000'): LogLine => ({ stream: 'stdout', time, text });
const lines = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from }, (_, i) => line(`l${from + i}`));
const texts = (ring: LineRing): string[] => Array.from({ length: ring.length }, (_, i) => ring.at(i)!.text);

describe('LineRing', () => {
  it('appends in order and drops the oldest lines past the line cap', () => {
    const ring = new LineRing({ maxLines: 5, maxChars: 1_000 });
    expect(ring.pushBack(lines(0, 3))).toBe(0);
    expect(ring.pushBack(lines(3, 8))).toBe(3);
    expect(texts(ring)).toEqual(['l3', 'l4', 'l5', 'l6', 'l7']);
    expect(ring.chars).toBe(10);
  });

  it('drops the oldest lines past the character cap', () => {
    const ring = new LineRing({ maxLines: 100, maxChars: 10 });
    ring.pushBack([line('aaaa'), line('bbbb')]);
    expect(ring.pushBack([line('cccc')])).toBe(1);
    expect(texts(ring)).toEqual(['bbbb', 'cccc']);
    expect(ring.chars).toBe(8);
  });

  it('keeps only the newest lines of a batch larger than the cap', () => {
    const ring = new LineRing({ maxLines: 3, maxChars: 1_000 });
    ring.pushBack(lines(0, 2));
    expect(ring.pushBack(lines(2, 12))).toBe(9);
    expect(texts(ring)).toEqual(['l9', 'l10', 'l11']);
  });

  it('prepends a page in order, with ids below the held ones, dropping the newest past the cap', () => {
    const ring = new LineRing({ maxLines: 6, maxChars: 1_000 });
    ring.pushBack(lines(10, 14));
    expect(ring.pushFront(lines(6, 10))).toBe(2);
    expect(texts(ring)).toEqual(['l6', 'l7', 'l8', 'l9', 'l10', 'l11']);
    const ids = Array.from({ length: ring.length }, (_, i) => ring.at(i)!.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(ring.indexOf(ring.at(4)!.id)).toBe(4);
    expect(ring.indexOf(12_345)).toBe(-1);
    expect(ring.lowerBound(ids[2]! + 0.5)).toBe(3);
  });

  it('stays ordered through growth and wrap-around at both ends', () => {
    const ring = new LineRing({ maxLines: 2_000, maxChars: 1e9 });
    for (let i = 0; i < 50; i++) ring.pushBack(lines(i * 100, i * 100 + 100));
    ring.pushFront(lines(-500, 0));
    expect(ring.length).toBe(2_000);
    expect(ring.first()!.text).toBe('l-500');
    expect(ring.last()!.text).toBe('l4499');
    for (let i = 1; i < ring.length; i++) expect(ring.at(i)!.id).toBeGreaterThan(ring.at(i - 1)!.id);
  });

  it('counts the lines at the first line’s exact time for paging back', () => {
    const ring = new LineRing();
    ring.pushBack([line('a', '5.1'), line('b', '5.1'), line('c', '5.2')]);
    expect(ring.countAtFirstTime(10_000)).toBe(2);
    expect(ring.countAtFirstTime(1)).toBe(1);
    expect(new LineRing().countAtFirstTime(10)).toBe(0);
  });

  it('holds at most the cap while a million lines go through it', () => {
    const ring = new LineRing({ maxLines: 100_000, maxChars: 64 * 1024 * 1024 });
    const batch = lines(0, 1_000);
    for (let i = 0; i < 1_000; i++) ring.pushBack(batch);
    expect(ring.length).toBe(100_000);
    expect(ring.last()!.id).toBe(999_999);
    expect(ring.first()!.id).toBe(900_000);
  });
});
