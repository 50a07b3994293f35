import { describe, expect, it } from 'vitest';
import { applySgr, parseAnsi, stripAnsi } from './ansi';
import { paletteHex, spanProps } from './ansi-style';

const spans = (text: string, max?: number) =>
  parseAnsi(text, max).spans.map((s) => [s.text, s.style ?? null] as const);

describe('parseAnsi', () => {
  it('keeps a plain line as one unstyled span', () => {
    expect(spans('hello world')).toEqual([['hello world', null]]);
    expect(parseAnsi('')).toEqual({ spans: [], shown: 0, total: 0 });
  });

  it('reads the 16 colours, bright ones, and resets', () => {
    expect(spans('a\x1b[31mred\x1b[0m b \x1b[92;44mgreen on blue\x1b[m')).toEqual([
      ['a', null],
      ['red', { fg: 1 }],
      [' b ', null],
      ['green on blue', { fg: 10, bg: 4 }],
    ]);
  });

  it('reads 256-colour and truecolor, in the semicolon and colon forms', () => {
    expect(spans('\x1b[38;5;208mo\x1b[48;5;17mx')).toEqual([
      ['o', { fg: 208 }],
      ['x', { fg: 208, bg: 17 }],
    ]);
    expect(spans('\x1b[38;2;255;128;0mt\x1b[38:2::1:2:3mu\x1b[48:2:0:10:20mv\x1b[38:5:9mw')).toEqual([
      ['t', { fg: '#ff8000' }],
      ['u', { fg: '#010203' }],
      ['v', { fg: '#010203', bg: '#000a14' }],
      ['w', { fg: 9, bg: '#000a14' }],
    ]);
  });

  it('reads bold, dim, italic, underline, inverse, strike, and their offs', () => {
    expect(spans('\x1b[1;2;3;4;7;9mall\x1b[22;23mx\x1b[24;27;29my')).toEqual([
      ['all', { bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true }],
      ['x', { underline: true, inverse: true, strike: true }],
      ['y', null],
    ]);
    expect(spans('\x1b[4:3mcurly\x1b[4:0mflat')).toEqual([
      ['curly', { underline: true }],
      ['flat', null],
    ]);
    expect(spans('\x1b[31mr\x1b[39mdefault')).toEqual([
      ['r', { fg: 1 }],
      ['default', null],
    ]);
  });

  it('ignores malformed extended colours without losing the text', () => {
    expect(spans('\x1b[38;5;300mx\x1b[38;2;1;2mY')).toEqual([['xY', null]]);
  });

  it('drops cursor moves, OSC titles and links, charset switches and control characters', () => {
    const line =
      '\x1b[2K\x1b[1Gstart\x1b]0;title\x07 \x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\\x1b(B end\r\x00\tTAB';
    expect(stripAnsi(line)).toBe('start link end\tTAB');
  });

  it('drops an unfinished sequence at the end of the line', () => {
    expect(stripAnsi('text\x1b[31')).toBe('text');
    expect(stripAnsi('text\x1b]0;never ends')).toBe('text');
    expect(stripAnsi('text\x1b')).toBe('text');
  });

  it('keeps at most maxChars visible characters but counts them all', () => {
    const long = `\x1b[31m${'x'.repeat(100_000)}\x1b[0m`;
    const parsed = parseAnsi(long, 2_000);
    expect(parsed.shown).toBe(2_000);
    expect(parsed.total).toBe(100_000);
    expect(parsed.spans).toEqual([{ text: 'x'.repeat(2_000), style: { fg: 1 } }]);
    const plain = parseAnsi('y'.repeat(5_000), 100);
    expect(plain).toMatchObject({ shown: 100, total: 5_000 });
  });

  it('parses a 100,000-character coloured line quickly', () => {
    const line = Array.from({ length: 10_000 }, (_, i) => `\x1b[3${i % 8}m${'abcdefghi'}`).join('');
    const started = performance.now();
    const parsed = parseAnsi(line, 2_000);
    expect(performance.now() - started).toBeLessThan(100);
    expect(parsed.total).toBe(90_000);
  });
});

describe('applySgr', () => {
  it('treats an empty parameter list as a reset', () => {
    expect(applySgr({ fg: 1, bold: true }, '')).toBeUndefined();
  });
});

describe('spanProps', () => {
  it('uses classes for the 16 colours and inline styles for the others', () => {
    expect(spanProps({ fg: 1, bg: 12, bold: true })).toEqual({
      className: 'ansi-fg-1 ansi-bg-12 ansi-bold',
      style: undefined,
    });
    expect(spanProps({ fg: 196, bg: '#102030' })).toEqual({
      className: undefined,
      style: { color: '#ff0000', backgroundColor: '#102030' },
    });
    expect(spanProps(undefined)).toEqual({ className: undefined, style: undefined });
  });

  it('swaps the colours for inverse, defaults included', () => {
    expect(spanProps({ inverse: true })).toEqual({
      className: 'ansi-fg-inverse ansi-bg-inverse',
      style: undefined,
    });
    expect(spanProps({ fg: 2, inverse: true }).className).toBe('ansi-fg-inverse ansi-bg-2');
  });

  it('follows the xterm 256-colour cube and grey ramp', () => {
    expect(paletteHex(16)).toBe('#000000');
    expect(paletteHex(231)).toBe('#ffffff');
    expect(paletteHex(208)).toBe('#ff8700');
    expect(paletteHex(232)).toBe('#080808');
    expect(paletteHex(255)).toBe('#eeeeee');
  });
});
