import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi';
import { highlight } from './highlight';

const view = (text: string, ranges: Array<[number, number]>, current = -1) =>
  highlight(parseAnsi(text).spans, ranges, current).map((p) => [p.text, p.style?.fg ?? null, p.mark ?? null]);

describe('highlight', () => {
  it('leaves spans alone without matches', () => {
    expect(view('\x1b[31mred\x1b[0m plain', [])).toEqual([
      ['red', 1, null],
      [' plain', null, null],
    ]);
  });

  it('cuts spans at match edges, across span borders, marking the selected match', () => {
    // "red plain": matches "d p" (2–5) and "in" (7–9).
    expect(
      view(
        '\x1b[31mred\x1b[0m plain',
        [
          [2, 5],
          [7, 9],
        ],
        1,
      ),
    ).toEqual([
      ['re', 1, null],
      ['d', 1, 'match'],
      [' p', null, 'match'],
      ['la', null, null],
      ['in', null, 'current'],
    ]);
  });

  it('marks a match that covers a whole span and one at the very start', () => {
    expect(
      view(
        'ab\x1b[32mcd\x1b[0mef',
        [
          [0, 1],
          [2, 4],
        ],
        0,
      ),
    ).toEqual([
      ['a', null, 'current'],
      ['b', null, null],
      ['cd', 2, 'match'],
      ['ef', null, null],
    ]);
  });
});
