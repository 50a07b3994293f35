import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeFrame,
  negotiateProtocol,
  PORT_FORWARD_FLAVORS,
  REMOTE_COMMAND_FLAVORS,
} from './channel-codec';

const names = (header: string | undefined, flavors = REMOTE_COMMAND_FLAVORS): string | false => {
  const result = negotiateProtocol(header, flavors);
  return result.ok ? result.flavor.name : false;
};

describe('negotiateProtocol', () => {
  it('prefers v5, then v4, whatever order the client lists them in', () => {
    expect(names('v4.channel.k8s.io, v5.channel.k8s.io')).toBe('v5.channel.k8s.io');
    expect(names('channel.k8s.io,v4.channel.k8s.io')).toBe('v4.channel.k8s.io');
    expect(names('v3.channel.k8s.io')).toBe('v3.channel.k8s.io');
    expect(names('base64.channel.k8s.io')).toBe('base64.channel.k8s.io');
  });

  it('gives client-node (v5…channel.k8s.io) v4 for port-forward, as the kubelet does', () => {
    const offered =
      'v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io';
    expect(names(offered, PORT_FORWARD_FLAVORS)).toBe('v4.channel.k8s.io');
  });

  it('answers the oldest binary framing when nothing is offered, and refuses only unknown names', () => {
    const none = negotiateProtocol(undefined, REMOTE_COMMAND_FLAVORS);
    expect(none).toEqual({ ok: true, flavor: { name: '', version: 1, binary: true } });
    expect(negotiateProtocol('v9.channel.k8s.io, chat', REMOTE_COMMAND_FLAVORS)).toEqual({
      ok: false,
      offered: ['v9.channel.k8s.io', 'chat'],
    });
  });
});

describe('frames', () => {
  const v5 = REMOTE_COMMAND_FLAVORS[0]!;
  const base64 = REMOTE_COMMAND_FLAVORS.find((f) => !f.binary)!;

  it('lead binary messages with the channel byte and keep bytes as they are', () => {
    const half = Buffer.from('日本', 'utf8').subarray(0, 4);
    const frame = encodeFrame(v5, 1, half) as Buffer;
    expect([...frame]).toEqual([1, ...half]);
    expect(decodeFrame(v5, frame)).toEqual({ channel: 1, payload: half });
    expect(decodeFrame(v5, Buffer.from([255, 0]))).toEqual({ channel: 255, payload: Buffer.from([0]) });
    expect(decodeFrame(v5, Buffer.alloc(0))).toBeUndefined();
  });

  it('send a digit and base64 on the base64 protocols', () => {
    expect(encodeFrame(base64, 2, Buffer.from('hi'))).toBe('2aGk=');
    expect(decodeFrame(base64, Buffer.from('0aGk='))).toEqual({ channel: 0, payload: Buffer.from('hi') });
  });
});
