import { describe, expect, it } from 'vitest';
import {
  findMatches,
  foldablePaths,
  foldsHiding,
  jsonLines,
  lineText,
  MAX_MATCHES,
  printedLine,
  visibleLines,
} from './json-lines';

const doc = {
  Id: 'abc',
  State: { Running: true, Pid: 42, Error: '', Health: null },
  Config: { Env: ['A=1', 'B="two"'], Labels: {}, Cmd: [] },
  Weird: { 'key "quoted"': 1.5e-7, ü: -0 },
};

describe('jsonLines', () => {
  it('prints exactly what JSON.stringify(value, null, 2) prints', () => {
    for (const value of [doc, [], {}, 'text', 3, null, [1, [2, [3, {}]]], { a: [] }]) {
      expect(jsonLines(value).map(printedLine).join('\n')).toBe(JSON.stringify(value, null, 2));
    }
  });

  it('colours keys, strings, numbers and literals apart', () => {
    const lines = jsonLines({ a: 'x', b: 2, c: true, d: null });
    expect(lines[1]!.tokens).toEqual([
      { kind: 'key', text: '"a"' },
      { kind: 'punct', text: ': ' },
      { kind: 'string', text: '"x"' },
      { kind: 'punct', text: ',' },
    ]);
    expect(lines.slice(2, 5).map((line) => line.tokens[2]!.kind)).toEqual(['number', 'literal', 'literal']);
  });

  it('knows where each object and array closes, its size and its path', () => {
    const lines = jsonLines(doc);
    const env = lines.findIndex((line) => lineText(line).startsWith('"Env"'));
    expect(lines[env]).toMatchObject({ size: '2 items', path: 'Config.Env', end: env + 3 });
    expect(lineText(lines[env + 3]!)).toBe('],');
    expect(lines[0]).toMatchObject({ size: '4 keys', end: lines.length - 1 });
    expect(lines[env + 1]!.path).toBe('Config.Env[0]');
  });
});

describe('folding', () => {
  it('hides what a folded line holds, and unfolds what hides a line', () => {
    const lines = jsonLines(doc);
    const state = lines.findIndex((line) => line.path === 'State');
    const config = lines.findIndex((line) => line.path === 'Config');
    const folded = new Set(['State', 'Config']);
    const shown = visibleLines(lines, folded);
    expect(shown).toContain(state);
    expect(shown).not.toContain(state + 1);
    expect(shown).toContain(lines[state]!.end! + 1);
    const env = lines.findIndex((line) => line.path === 'Config.Env');
    expect(foldsHiding(lines, folded, env + 1)).toEqual(['Config']);
    expect(foldsHiding(lines, folded, config)).toEqual([]);
    expect(foldablePaths(lines)).toEqual(expect.arrayContaining(['State', 'Config', 'Config.Env']));
    expect(foldablePaths(lines)).not.toContain('');
  });
});

describe('findMatches', () => {
  it('finds plain text in any case, several times on a line, and never a regular expression', () => {
    const lines = jsonLines({ a: 'Aa.aA', b: '(x)' });
    expect(findMatches(lines, 'aa')).toEqual([
      { line: 1, start: 6, end: 8 },
      { line: 1, start: 9, end: 11 },
    ]);
    expect(findMatches(lines, '.')).toEqual([{ line: 1, start: 8, end: 9 }]);
    expect(findMatches(lines, '(x)')).toHaveLength(1);
    expect(findMatches(lines, '')).toEqual([]);
  });

  it('stops counting at a bound', () => {
    const lines = jsonLines({ a: 'x'.repeat(MAX_MATCHES + 10) });
    expect(findMatches(lines, 'x')).toHaveLength(MAX_MATCHES);
  });
});
