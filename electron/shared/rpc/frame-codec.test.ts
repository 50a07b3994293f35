import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWireFrame, encodeWireFrame } from './frame-codec';

const sessionId = '0b9f5c1e-6a3b-4c1f-9e4d-2f6a7b8c9d0e';

describe('frame codec', () => {
  it('keeps frames without bytes as plain JSON text', () => {
    const frame = { t: 'call', id: 'c1', method: 'containers.list', params: { all: true } };
    const message = encodeWireFrame(frame);
    expect(message).toBe(JSON.stringify(frame));
    expect(decodeWireFrame(message)).toEqual(frame);
  });

  it('carries event bytes as a binary message, byte for byte (a chunk may end inside a character)', () => {
    const data = new Uint8Array([0xe4, 0xb8, 0xad, 0xe6]); // 中 and the first byte of 文
    const frame = { t: 'event', id: 's1', payload: { type: 'data', sessionId, data } };
    const message = encodeWireFrame(frame);
    expect(message).toBeInstanceOf(Uint8Array);
    expect(decodeWireFrame(message)).toEqual(frame);
  });

  it('carries call params with bytes (terminal input)', () => {
    const data = new TextEncoder().encode('touch 中文.txt\r');
    const frame = { t: 'call', id: 'c9', method: 'terminal.input', params: { sessionId, data } };
    const decoded = decodeWireFrame(encodeWireFrame(frame)) as { params: { data: Uint8Array } };
    expect(new TextDecoder().decode(decoded.params.data)).toBe('touch 中文.txt\r');
  });

  it('round-trips any bytes and any other fields', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string(), (data, note) => {
        const frame = { t: 'event', id: 'x', payload: { note, data } };
        expect(decodeWireFrame(encodeWireFrame(frame))).toEqual(frame);
      }),
    );
  });

  it('refuses binary messages whose lengths do not add up, or that try to overwrite fields', () => {
    const good = encodeWireFrame({ t: 'event', id: 'x', payload: { data: new Uint8Array([1, 2, 3]) } });
    if (typeof good === 'string') throw new Error('expected binary');
    expect(decodeWireFrame(good.subarray(0, good.byteLength - 1))).toBeUndefined();
    expect(decodeWireFrame(new Uint8Array([0, 0, 0, 200, 1]))).toBeUndefined();
    expect(decodeWireFrame(new Uint8Array([1, 2]))).toBeUndefined();
    const header = (json: unknown): Uint8Array => {
      const text = new TextEncoder().encode(JSON.stringify(json));
      const out = new Uint8Array(4 + text.byteLength + 3);
      new DataView(out.buffer).setUint32(0, text.byteLength);
      out.set(text, 4);
      return out;
    };
    expect(
      decodeWireFrame(header({ t: 'event', id: 'x', payload: { data: 1 }, $bin: [['data', 3]] })),
    ).toBeUndefined();
    expect(
      decodeWireFrame(header({ t: 'event', id: 'x', payload: {}, $bin: [['__proto__', 3]] })),
    ).toBeUndefined();
    expect(
      decodeWireFrame(header({ t: 'result', id: 'x', payload: {}, $bin: [['data', 3]] })),
    ).toBeUndefined();
    expect(decodeWireFrame(header({ t: 'event', id: 'x', payload: {}, $bin: [['data', 3]] }))).toEqual({
      t: 'event',
      id: 'x',
      payload: { data: new Uint8Array(3) },
    });
  });

  it('answers garbage with undefined, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 })), (garbage) => {
        expect(() => decodeWireFrame(garbage)).not.toThrow();
      }),
    );
  });
});
