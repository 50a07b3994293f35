import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/contract';
import { MAX_LINE_BYTES } from './line-assembler';
import { LogStreamParser } from './log-stream-parser';

const T1 = '2024-11-24T21:16:45.089283780Z';
const T2 = '2024-11-24T21:16:46.000000001Z';
const U1 = '1732483005.089283780';
const U2 = '1732483006.000000001';

function frame(type: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Feeds `body` to a parser in pieces cut at `cuts`, and returns every line. */
function parse(body: Buffer, tty: boolean, cuts: number[] = []): LogLine[] {
  const parser = new LogStreamParser(tty);
  const lines: LogLine[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= body.length) continue;
    lines.push(...parser.push(body.subarray(at, cut)));
    at = cut;
  }
  lines.push(...parser.push(body.subarray(at)), ...parser.end());
  return lines;
}

describe('LogStreamParser: multiplexed', () => {
  const body = Buffer.concat([
    frame(1, `${T1} hello\n`),
    frame(2, `${T1} oops\r\n`),
    frame(1, `${T2} 日本語 ✓ \u001b[31mred\u001b[0m\n`),
    frame(1, `${T2} \n`),
  ]);
  const expected: LogLine[] = [
    { stream: 'stdout', time: U1, text: 'hello' },
    { stream: 'stderr', time: U1, text: 'oops' },
    { stream: 'stdout', time: U2, text: '日本語 ✓ \u001b[31mred\u001b[0m' },
    { stream: 'stdout', time: U2, text: '' },
  ];

  it('separates the streams, strips stamps, newlines and a CR before them', () => {
    expect(parse(body, false)).toEqual(expected);
  });

  it('gives the same lines however the frames are split (headers and characters included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 12 }), (cuts) => {
        expect(parse(body, false, cuts)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
    // Every single cut, byte by byte: inside each header, each stamp and each multi-byte character.
    for (let cut = 1; cut < body.length; cut++) expect(parse(body, false, [cut])).toEqual(expected);
  });

  it('joins the parts of a long line (same stamp, no newline), even with a character split between them', () => {
    const text = 'é'.repeat(9000) + 'end';
    const bytes = Buffer.from(text, 'utf8');
    // The engine cuts at 16 KiB of bytes, here in the middle of an "é".
    const cut = 16_385;
    expect((bytes[cut]! & 0xc0) === 0x80).toBe(true);
    const part1 = Buffer.concat([Buffer.from(`${T1} `), bytes.subarray(0, cut)]);
    const part2 = Buffer.concat([Buffer.from(`${T1} `), bytes.subarray(cut), Buffer.from('\n')]);
    const stream = Buffer.concat([
      frame(1, part1),
      frame(2, `${T2} between\n`),
      frame(1, part2),
      frame(1, `${T2} next\n`),
    ]);
    expect(parse(stream, false, [100, 16_400, 16_420])).toEqual([
      { stream: 'stderr', time: U2, text: 'between' },
      { stream: 'stdout', time: U1, text },
      { stream: 'stdout', time: U2, text: 'next' },
    ]);
  });

  it('ends a line without a newline when the next message has another stamp, or at the end', () => {
    const stream = Buffer.concat([
      frame(1, `${T1} no newline`),
      frame(1, `${T2} later\n`),
      frame(1, `${T2} tail`),
    ]);
    expect(parse(stream, false)).toEqual([
      { stream: 'stdout', time: U1, text: 'no newline' },
      { stream: 'stdout', time: U2, text: 'later' },
      { stream: 'stdout', time: U2, text: 'tail' },
    ]);
  });

  it('reads several messages in one frame', () => {
    expect(parse(frame(1, `${T1} a\n${T2} b\n`), false)).toEqual([
      { stream: 'stdout', time: U1, text: 'a' },
      { stream: 'stdout', time: U2, text: 'b' },
    ]);
  });

  it('keeps the first MiB of a longer line, at a character boundary, and nothing else of it', () => {
    const text = 'x'.repeat(MAX_LINE_BYTES - 1) + 'ü' + 'y'.repeat(5000);
    const parts: Buffer[] = [];
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += 16_384) {
      const end = Math.min(bytes.length, at + 16_384);
      const last = end === bytes.length;
      parts.push(
        frame(
          1,
          Buffer.concat([Buffer.from(`${T1} `), bytes.subarray(at, end), Buffer.from(last ? '\n' : '')]),
        ),
      );
    }
    parts.push(frame(1, `${T2} after\n`));
    const lines = parse(Buffer.concat(parts), false);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.text).toBe('x'.repeat(MAX_LINE_BYTES - 1));
    expect(lines[1]).toEqual({ stream: 'stdout', time: U2, text: 'after' });
  });

  it('throws on garbage: a bad header, a message without a stamp, a stream cut inside a frame', () => {
    expect(() => parse(Buffer.from('HTTP/1.1 500 oops\r\n'), false)).toThrow(/header/);
    expect(() => parse(frame(1, 'no stamp here\n'), false)).toThrow(/timestamp/);
    expect(() => parse(frame(1, `${T1} cut\n`).subarray(0, 12), false)).toThrow(/inside a frame/);
  });
});

describe('LogStreamParser: TTY (raw)', () => {
  it('reads raw lines as stdout, CRLF stripped, whatever the cuts', () => {
    const body = Buffer.from(`${T1} one\r\n${T2} twö\r\n`, 'utf8');
    const expected: LogLine[] = [
      { stream: 'stdout', time: U1, text: 'one' },
      { stream: 'stdout', time: U2, text: 'twö' },
    ];
    for (let cut = 1; cut < body.length; cut++) expect(parse(body, true, [cut])).toEqual(expected);
  });

  it('cuts continuation stamps out of a long line however the stream is split', () => {
    const text = 'ab'.repeat(20_000) + '2024';
    const bytes = Buffer.from(text);
    const body = Buffer.concat([
      Buffer.from(`${T1} `),
      bytes.subarray(0, 16_384),
      Buffer.from(`${T1} `),
      bytes.subarray(16_384, 32_768),
      Buffer.from(`${T1} `),
      bytes.subarray(32_768),
      Buffer.from(`\r\n${T2} short ${T1} kept\n`),
    ]);
    const expected: LogLine[] = [
      { stream: 'stdout', time: U1, text },
      // Below the size of a part, a stamp in the text is the program's own.
      { stream: 'stdout', time: U2, text: `short ${T1} kept` },
    ];
    expect(parse(body, true)).toEqual(expected);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 8 }), (cuts) => {
        expect(parse(body, true, cuts)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    for (const base of [16_384, 32_768 + 31]) {
      for (let d = 0; d < 40; d++) expect(parse(body, true, [base + d])).toEqual(expected);
    }
  });

  it('keeps text that only begins like a continuation stamp', () => {
    const text = 'z'.repeat(2000) + T1.slice(0, 20) + 'tail';
    expect(parse(Buffer.from(`${T1} ${text}\n`), true, [2010, 2025])).toEqual([
      { stream: 'stdout', time: U1, text },
    ]);
  });
});
