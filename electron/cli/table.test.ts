import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from './table';

describe('renderTable', () => {
  it('aligns columns and leaves the last one unpadded', () => {
    expect(
      renderTable(
        ['ID', 'NAME'],
        [
          ['a', 'web'],
          ['long-id', 'db'],
        ],
      ),
    ).toBe(['ID        NAME', 'a         web', 'long-id   db'].join('\n'));
  });

  it('counts East Asian wide characters as two cells, so Chinese names line up', () => {
    expect(displayWidth('网站')).toBe(4);
    const lines = renderTable(
      ['NAME', 'STATE'],
      [
        ['网站', 'running'],
        ['web', 'exited'],
      ],
    ).split('\n');
    const column = (line: string, word: string): number => displayWidth(line.slice(0, line.indexOf(word)));
    expect(column(lines[1]!, 'running')).toBe(column(lines[2]!, 'exited'));
  });
});
