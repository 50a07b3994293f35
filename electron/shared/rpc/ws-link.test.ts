import { describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../contract/frames';
import type { WireError } from '../errors';
import { encodeWireFrame } from './frame-codec';
import { connectWebSocket, type CloseEventLike, type MessageEventLike, type WebSocketLike } from './ws-link';

type Listener = (event: never) => void;

/** A scripted socket: the test plays the core. */
class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  readonly sent: (string | Uint8Array)[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  closedWith: { code?: number; reason?: string } | undefined;

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  send(data: string | Uint8Array): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }
  fire(type: 'open' | 'error'): void;
  fire(type: 'message', event: MessageEventLike): void;
  fire(type: 'close', event: CloseEventLike): void;
  fire(type: string, event?: unknown): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const listener of [...(this.listeners.get(type) ?? [])])
      (listener as (event: unknown) => void)(event);
  }
  listenerCount(type?: string): number {
    if (type !== undefined) return this.listeners.get(type)?.size ?? 0;
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** Like the `ws` package's socket: it can be terminated without a closing handshake. */
class TerminableSocket extends ScriptedSocket {
  terminated = false;
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
}

function connect(socket: ScriptedSocket, handshakeTimeoutMs?: number) {
  return connectWebSocket({
    url: 'ws://127.0.0.1:1/rpc',
    token: 'the-token',
    create: () => socket,
    ...(handshakeTimeoutMs ? { handshakeTimeoutMs } : {}),
  });
}

describe('connectWebSocket', () => {
  it('sends the token first and resolves on ready', async () => {
    const socket = new ScriptedSocket();
    const linking = connect(socket);
    socket.fire('open');
    expect(socket.sent).toEqual(['{"t":"auth","token":"the-token"}']);
    socket.fire('message', { data: '{"t":"ready"}' });
    const link = await linking;
    link.send({ t: 'call', id: 'c1', method: 'system.info', params: {} });
    expect(JSON.parse(socket.sent[1] as string)).toEqual({
      t: 'call',
      id: 'c1',
      method: 'system.info',
      params: {},
    });
  });

  it('asks the browser for ArrayBuffers and carries bytes both ways as binary messages', async () => {
    const socket = new ScriptedSocket();
    const linking = connect(socket);
    expect(socket.binaryType).toBe('arraybuffer');
    socket.fire('open');
    socket.fire('message', { data: '{"t":"ready"}' });
    const link = await linking;
    const frames: ServerFrame[] = [];
    link.onFrame((frame) => frames.push(frame));
    const data = new Uint8Array([0xe4, 0xb8]);
    link.send({ t: 'call', id: 'c2', method: 'terminal.input', params: { data } });
    expect(socket.sent[1]).toBeInstanceOf(Uint8Array);
    const event = encodeWireFrame({ t: 'event', id: 's1', payload: { data: new Uint8Array([0xad]) } });
    const buffer = (event as Uint8Array).slice().buffer;
    socket.fire('message', { data: buffer });
    expect(frames).toEqual([{ t: 'event', id: 's1', payload: { data: new Uint8Array([0xad]) } }]);
  });

  it('delivers valid frames and drops what breaks the protocol or is binary', async () => {
    const socket = new ScriptedSocket();
    const linking = connect(socket);
    socket.fire('open');
    socket.fire('message', { data: '{"t":"ready"}' });
    const link = await linking;
    const frames: ServerFrame[] = [];
    link.onFrame((frame) => frames.push(frame));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    socket.fire('message', { data: 'not json' });
    socket.fire('message', { data: '{"t":"result","id":"x"}' });
    socket.fire('message', { data: new Uint8Array([1, 2]) });
    socket.fire('message', { data: '{"t":"event","id":"s1","payload":{"n":1}}' });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect(frames).toEqual([{ t: 'event', id: 's1', payload: { n: 1 } }]);
  });

  it('rejects with PERMISSION_DENIED on close 4401', async () => {
    const socket = new ScriptedSocket();
    const linking = connect(socket);
    socket.fire('open');
    socket.fire('close', { code: 4401, reason: 'unauthorized' });
    await expect(linking).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    // Only the error listener stays: `ws` may still emit 'error' on a dead socket.
    expect(socket.listenerCount()).toBe(1);
    expect(socket.listenerCount('error')).toBe(1);
  });

  it('keeps an error listener for the whole life of the socket', async () => {
    const timedOut = new TerminableSocket();
    const waiting = connect(timedOut, 20);
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(timedOut.listenerCount('error')).toBe(1);
    expect(() => timedOut.fire('error')).not.toThrow();

    const socket = new ScriptedSocket();
    const linking = connect(socket);
    socket.fire('open');
    socket.fire('message', { data: '{"t":"ready"}' });
    const link = await linking;
    expect(socket.listenerCount('error')).toBe(1);
    link.close();
    expect(socket.listenerCount('error')).toBe(1);
    expect(socket.listenerCount()).toBe(1);
  });

  it('terminates a socket whose handshake timed out when it can, instead of a close handshake', async () => {
    const opened = new TerminableSocket();
    const waiting = connect(opened, 20);
    opened.fire('open');
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(opened.terminated).toBe(true);
    expect(opened.closedWith).toBeUndefined();
  });

  it('rejects with UNAVAILABLE when the socket cannot open, or the core never answers', async () => {
    const refused = new ScriptedSocket();
    const linking = connect(refused);
    refused.fire('error');
    refused.fire('close', { code: 1006, reason: '' });
    await expect(linking).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    const silent = new ScriptedSocket();
    const waiting = connect(silent, 30);
    silent.fire('open');
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(silent.closedWith).toBeDefined();

    const throwing = connectWebSocket({
      url: 'ws://bad',
      token: 't',
      create: () => {
        throw new SyntaxError('bad url');
      },
    });
    await expect(throwing).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('fires onClose once: lost when the socket closes, closed when the client closes', async () => {
    const lostSocket = new ScriptedSocket();
    const lostLinking = connect(lostSocket);
    lostSocket.fire('open');
    lostSocket.fire('message', { data: '{"t":"ready"}' });
    const lost = await lostLinking;
    const reasons: WireError[] = [];
    lost.onClose((reason) => reasons.push(reason));
    lostSocket.fire('close', { code: 1006, reason: '' });
    lostSocket.fire('close', { code: 1006, reason: '' });
    lost.close();
    expect(reasons).toEqual([
      {
        code: 'UNAVAILABLE',
        message: 'The connection to the Bosun core was lost.',
        details: { closeCode: 1006, closeReason: '' },
      },
    ]);

    const closingSocket = new ScriptedSocket();
    const closingLinking = connect(closingSocket);
    closingSocket.fire('open');
    closingSocket.fire('message', { data: '{"t":"ready"}' });
    const closing = await closingLinking;
    const closeReasons: WireError[] = [];
    closing.onClose((reason) => closeReasons.push(reason));
    closing.close();
    closing.send({ t: 'unsub', id: 's1' });
    expect(closingSocket.closedWith).toEqual({ code: 1000, reason: 'client closed' });
    expect(closeReasons).toHaveLength(1);
    expect(closingSocket.sent).toHaveLength(1);
  });
});
