import { describe, expect, it } from 'vitest';
import { parseSize } from './remote-command';
import { parseCommand, parsePorts, parseStreamOptions } from './stream-query';

const q = (text: string): URLSearchParams => new URLSearchParams(text);

describe('stream queries', () => {
  it('reads the flags as Go ParseBool does and merges stderr into a TTY', () => {
    expect(parseStreamOptions(q('stdin=true&stdout=1&stderr=True&tty=false'))).toEqual({
      ok: true,
      value: { stdin: true, stdout: true, stderr: true, tty: false },
    });
    expect(parseStreamOptions(q('stdout=true&stderr=true&tty=true'))).toMatchObject({
      value: { stderr: false, tty: true },
    });
    expect(parseStreamOptions(q('tty=true'))).toEqual({
      ok: false,
      message: 'you must specify at least 1 of stdin, stdout, stderr',
    });
    expect(parseStreamOptions(q('stdout=yes')).ok).toBe(false);
  });

  it('takes the command as repeated parameters', () => {
    expect(parseCommand(q('command=sh&command=-c&command=echo%20a%20b'))).toEqual({
      ok: true,
      value: ['sh', '-c', 'echo a b'],
    });
    expect(parseCommand(q('stdout=true')).ok).toBe(false);
  });

  it('takes ports comma-separated or repeated, and refuses out-of-range ones', () => {
    expect(parsePorts(q('ports=80,8080&ports=9000'))).toEqual({ ok: true, value: [80, 8080, 9000] });
    expect(parsePorts(q('port=443'))).toEqual({ ok: true, value: [443] });
    expect(parsePorts(q('ports=0')).ok).toBe(false);
    expect(parsePorts(q('ports=70000')).ok).toBe(false);
    expect(parsePorts(q('ports=http')).ok).toBe(false);
    expect(parsePorts(q('')).ok).toBe(false);
  });

  it('reads resize payloads with keys in any case, as Go does', () => {
    expect(parseSize(Buffer.from('{"Width":120,"Height":40}'))).toEqual({ width: 120, height: 40 });
    expect(parseSize(Buffer.from('{"height":40,"width":120}'))).toEqual({ width: 120, height: 40 });
    expect(parseSize(Buffer.from('{"Width":0,"Height":40}'))).toBeUndefined();
    expect(parseSize(Buffer.from('not json'))).toBeUndefined();
  });
});
