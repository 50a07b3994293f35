import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../shared/contract/frames';
import { createBridge, EVENT_CHANNEL, INVOKE_CHANNEL, type IpcRendererLike } from './bridge';

function fakeIpcRenderer(): IpcRendererLike & { sent: unknown[][]; emitter: EventEmitter } {
  const emitter = new EventEmitter();
  const sent: unknown[][] = [];
  return {
    sent,
    emitter,
    send: (channel, ...args) => sent.push([channel, ...args]),
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
}

describe('the preload bridge', () => {
  it('sends frames on rpc:invoke only', () => {
    const ipc = fakeIpcRenderer();
    createBridge(ipc).send({ t: 'cancel', id: 'c1' });
    expect(ipc.sent).toEqual([[INVOKE_CHANNEL, { t: 'cancel', id: 'c1' }]]);
  });

  it('hands the page the frame, never the IPC event, and unsubscribes', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.onFrame((...args: unknown[]) => received.push(args));
    const frame: ServerFrame = { t: 'event', id: 's1', payload: 1 };
    ipc.emitter.emit(EVENT_CHANNEL, { sender: 'ipcRenderer itself' }, frame);
    off();
    ipc.emitter.emit(EVENT_CHANNEL, {}, frame);
    expect(received).toEqual([[frame]]);
    expect(ipc.emitter.listenerCount(EVENT_CHANNEL)).toBe(0);
    expect(bridge.capabilities).toEqual({ transport: 'ipc' });
  });
});
