import { describe, expect, it } from 'vitest';
import { encodeFrame } from './ws-adapter';

describe('encodeFrame', () => {
  it('encodes frames as JSON', () => {
    const logs: string[] = [];
    expect(encodeFrame({ t: 'event', id: 's1', payload: { n: 1 } }, (m) => logs.push(m))).toBe(
      '{"t":"event","id":"s1","payload":{"n":1}}',
    );
    expect(logs).toEqual([]);
  });

  it('still answers a call whose result JSON cannot carry, with INTERNAL', () => {
    const logs: string[] = [];
    const text = encodeFrame({ t: 'result', id: 'c1', envelope: { ok: true, value: { size: 10n } } }, (m) =>
      logs.push(m),
    );
    const frame = JSON.parse(text as string);
    expect(frame).toMatchObject({
      t: 'result',
      id: 'c1',
      envelope: { ok: false, error: { code: 'INTERNAL' } },
    });
    expect(frame.envelope.error.message).not.toContain('BigInt');
    expect(logs).toEqual([expect.stringContaining('could not encode a result frame')]);
  });

  it('drops an event it cannot encode, and says so', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const logs: string[] = [];
    expect(encodeFrame({ t: 'event', id: 's1', payload: cyclic }, (m) => logs.push(m))).toBeUndefined();
    expect(logs).toHaveLength(1);
  });
});
