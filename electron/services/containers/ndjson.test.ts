import { describe, expect, it } from 'vitest';
import { NdjsonParser } from './ndjson';

describe('NdjsonParser', () => {
  it('yields whole values however the bytes are cut, multi-byte characters included', () => {
    const values = [{ a: 1 }, { name: '日本語 ✓' }, { b: [1, 2, 3] }];
    const bytes = Buffer.from(values.map((v) => JSON.stringify(v)).join('\n') + '\n', 'utf8');
    for (let size = 1; size <= bytes.length; size++) {
      const seen: unknown[] = [];
      const parser = new NdjsonParser((value) => seen.push(value));
      for (let at = 0; at < bytes.length; at += size) parser.push(bytes.subarray(at, at + size));
      expect(seen).toEqual(values);
    }
  });

  it('holds a line until its newline arrives, and skips blank lines', () => {
    const seen: unknown[] = [];
    const parser = new NdjsonParser((value) => seen.push(value));
    parser.push('{"a":');
    expect(seen).toEqual([]);
    parser.push('1}\n\n\r\n{"b":2}\r\n');
    expect(seen).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('throws on a line that is not JSON, and on an endless line', () => {
    expect(() => new NdjsonParser(() => undefined).push('HTTP/1.1 garbage\n')).toThrow();
    const parser = new NdjsonParser(() => undefined);
    expect(() => parser.push('x'.repeat((1 << 20) + 1))).toThrow(/1 MiB/);
  });
});
