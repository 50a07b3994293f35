import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/shared/contract';
import { LineRing } from './line-ring';
import { LogSearch, SEARCH_CHUNK, type SliceScheduler } from './log-search';
import { compileSearch, findRanges } from './search-query';

const line = (text: string): LogLine => ({ stream: 'stdout', time: '1700000000.000000000', text });

/** Slices run only when the test says so. */
function manualSlices() {
  const queue: Array<() => void> = [];
  const schedule: SliceScheduler = (work) => {
    queue.push(work);
    return () => queue.splice(queue.indexOf(work), 1);
  };
  const runOne = (): boolean => {
    const work = queue.shift();
    work?.();
    return work !== undefined;
  };
  const runAll = (): number => {
    let slices = 0;
    while (runOne()) slices++;
    return slices;
  };
  return { schedule, runOne, runAll, pending: () => queue.length };
}

describe('compileSearch and findRanges', () => {
  it('escapes plain text and honours the case option', () => {
    const plain = compileSearch('a.b (x)', { regex: false, caseSensitive: false });
    expect(plain?.ok && findRanges(plain.pattern, 'A.B (X) axb a.b (x)')).toEqual([
      [0, 7],
      [12, 19],
    ]);
    const exact = compileSearch('Err', { regex: false, caseSensitive: true });
    expect(exact?.ok && findRanges(exact.pattern, 'err Err ERR')).toEqual([[4, 7]]);
    expect(compileSearch('', { regex: true, caseSensitive: false })).toBeUndefined();
  });

  it('reads regular expressions and reports an invalid one instead of throwing', () => {
    const re = compileSearch('err(or)?\\s\\d+', { regex: true, caseSensitive: false });
    expect(re?.ok && findRanges(re.pattern, 'Error 42, err 7')).toEqual([
      [0, 8],
      [10, 15],
    ]);
    const bad = compileSearch('(unclosed', { regex: true, caseSensitive: false });
    expect(bad).toMatchObject({ ok: false });
    expect(bad && !bad.ok && bad.message).toMatch(/^Not a valid regular expression: /);
  });

  it('skips empty matches and moves on', () => {
    const re = compileSearch('x*', { regex: true, caseSensitive: false });
    expect(re?.ok && findRanges(re.pattern, 'axxbx')).toEqual([
      [1, 3],
      [4, 5],
    ]);
    const anchor = compileSearch('^', { regex: true, caseSensitive: false });
    expect(anchor?.ok && findRanges(anchor.pattern, 'abc')).toEqual([]);
  });
});

describe('LogSearch', () => {
  const options = { regex: false, caseSensitive: false };

  it('counts 100,000 lines in slices of SEARCH_CHUNK, saying it is searching until done', () => {
    const ring = new LineRing();
    ring.pushBack(
      Array.from({ length: 100_000 }, (_, i) =>
        line(i % 100 === 0 ? `\x1b[31mERROR\x1b[0m ${i}` : `ok ${i}`),
      ),
    );
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('error', options);
    expect(search.getSnapshot()).toMatchObject({ total: 0, searching: true });
    slices.runOne();
    expect(search.getSnapshot()).toMatchObject({ total: SEARCH_CHUNK / 100, searching: true });
    expect(slices.runAll()).toBe(100_000 / SEARCH_CHUNK - 1);
    expect(search.getSnapshot()).toMatchObject({ total: 1_000, searching: false, current: undefined });
  });

  it('says why an invalid regular expression cannot be used, and counts nothing', () => {
    const ring = new LineRing();
    ring.pushBack([line('a')]);
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('[a', { regex: true, caseSensitive: false });
    expect(search.getSnapshot()).toMatchObject({ total: 0, searching: false, pattern: undefined });
    expect(search.getSnapshot().error).toMatch(/regular expression/);
    expect(slices.pending()).toBe(0);
  });

  it('navigates matches in line order, several per line, wrapping at both ends', () => {
    const ring = new LineRing();
    ring.pushBack([line('x x'), line('none'), line('x')]);
    const [a, , c] = [ring.at(0)!, ring.at(1)!, ring.at(2)!];
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('x', options);
    slices.runAll();
    expect(search.next()).toEqual({ index: 0, lineId: a.id, nth: 0 });
    expect(search.next()).toEqual({ index: 1, lineId: a.id, nth: 1 });
    expect(search.next()).toEqual({ index: 2, lineId: c.id, nth: 0 });
    expect(search.next()).toEqual({ index: 0, lineId: a.id, nth: 0 });
    expect(search.previous()).toEqual({ index: 2, lineId: c.id, nth: 0 });
  });

  it('starts from the line in view when nothing is selected yet', () => {
    const ring = new LineRing();
    ring.pushBack([line('x'), line('y'), line('x'), line('y')]);
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('x', options);
    slices.runAll();
    expect(search.next(ring.at(1)!.id)?.lineId).toBe(ring.at(2)!.id);
    search.setQuery('x', options);
    slices.runAll();
    expect(search.previous(ring.at(1)!.id)?.lineId).toBe(ring.at(0)!.id);
  });

  it('counts lines that arrive later at either end, and forgets lines that leave', () => {
    const ring = new LineRing({ maxLines: 4, maxChars: 1_000 });
    ring.pushBack([line('x1'), line('x2'), line('y')]);
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('x', options);
    slices.runAll();
    expect(search.getSnapshot().total).toBe(2);
    search.next();

    ring.pushBack([line('x3'), line('x4')]);
    search.linesChanged();
    slices.runAll();
    // x1 left the buffer (cap 4), x3 and x4 came: x2, x3, x4; the selection (x1) is gone.
    expect(search.getSnapshot()).toMatchObject({ total: 3, current: undefined });

    ring.pushFront([line('x0')]);
    search.linesChanged();
    slices.runAll();
    // x0 came in at the front, x4 left at the back.
    expect(search.getSnapshot().total).toBe(3);
    const texts = [search.next(), search.next(), search.next()].map(
      (m) => ring.at(ring.indexOf(m!.lineId))!.text,
    );
    expect(texts).toEqual(['x0', 'x2', 'x3']);
  });

  it('starts over when the buffer is refilled (a restarted stream)', () => {
    const ring = new LineRing();
    ring.pushBack([line('x'), line('x')]);
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('x', options);
    slices.runAll();
    ring.clear();
    ring.pushBack([line('x'), line('no'), line('no')]);
    search.linesChanged();
    slices.runAll();
    expect(search.getSnapshot().total).toBe(1);
  });

  it('stops a running count when the query changes', () => {
    const ring = new LineRing();
    ring.pushBack(Array.from({ length: 20_000 }, () => line('a b')));
    const slices = manualSlices();
    const search = new LogSearch(ring, slices.schedule);
    search.setQuery('a', options);
    slices.runOne();
    search.setQuery('b', options);
    expect(slices.pending()).toBe(1);
    slices.runAll();
    expect(search.getSnapshot()).toMatchObject({ query: 'b', total: 20_000, searching: false });
    search.dispose();
  });
});
