import { describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../contract/frames';
import type { Bridge } from './bridge';
import { createIpcLink } from './ipc-link';

function fakeBridge() {
  const listeners = new Set<(frame: ServerFrame) => void>();
  const bridge: Bridge = {
    send: vi.fn(),
    onFrame: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    capabilities: { transport: 'ipc' },
  };
  return {
    bridge,
    deliver: (frame: ServerFrame) => listeners.forEach((l) => l(frame)),
    count: () => listeners.size,
  };
}

describe('createIpcLink', () => {
  it('passes frames both ways, and stops and tells its listeners when closed', () => {
    const { bridge, deliver, count } = fakeBridge();
    const link = createIpcLink(bridge);
    const frames: ServerFrame[] = [];
    const closed = vi.fn();
    link.onFrame((frame) => frames.push(frame));
    link.onClose(closed);

    link.send({ t: 'call', id: 'c1', method: 'system.info', params: {} });
    expect(bridge.send).toHaveBeenCalledWith({ t: 'call', id: 'c1', method: 'system.info', params: {} });
    deliver({ t: 'event', id: 's1', payload: 1 });
    expect(frames).toHaveLength(1);

    link.close();
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ code: 'UNAVAILABLE' }));
    expect(count()).toBe(0);
    link.send({ t: 'cancel', id: 'c1' });
    expect(bridge.send).toHaveBeenCalledTimes(1);
  });
});
