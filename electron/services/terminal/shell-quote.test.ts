import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from './shell-quote';

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('/bin/bash')).toBe('/bin/bash');
    expect(shellQuote('--rcfile')).toBe('--rcfile');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('^?')).toBe("'^?'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('gives back every word exactly through a real sh', () => {
    const words = ['a b', "it's", '$(id)', '`id`', '\\n', 'x;y', '"q"', '*', '~', '中文', 'line\nbreak', ''];
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellJoin(words)}`]);
    expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual(words);
  });
});
