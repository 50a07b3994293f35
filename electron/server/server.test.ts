import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authenticatedSocket,
  closeOf,
  nextMessage,
  openSocket,
  opened,
  upgradeStatus,
} from '../rpc/testing/http';
import { createTestCore, type TestCore } from '../rpc/testing/test-core';
import { MAX_UNAUTHENTICATED_SOCKETS, startWebServer, type WebServer } from './server';
import { CLOSE_TOO_SLOW, MAX_AUTH_MESSAGE_BYTES } from './ws-adapter';

const TOKEN = 'test-token-0123456789-abcdefghijklmnop';

describe('web server: the WebSocket gate', () => {
  let core: TestCore;
  let server: WebServer;
  let staticDir: string;
  let rpcUrl: string;
  let logs: string[];

  beforeEach(async () => {
    core = createTestCore();
    logs = [];
    staticDir = await mkdtemp(join(tmpdir(), 'bosun-server-'));
    server = await startWebServer({
      core,
      staticDir,
      token: TOKEN,
      authTimeoutMs: 200,
      maxBufferedBytes: 2 ** 20,
      log: (message) => logs.push(message),
    });
    rpcUrl = `ws://127.0.0.1:${server.port}/rpc`;
  });

  afterEach(async () => {
    await server.close();
    await core.dispose();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('prints a loopback page URL with the token in its fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('listens on 127.0.0.1 only', async () => {
    const refused = (host: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect({ host, port: server.port });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    expect(await refused('127.0.0.1')).toBe('connected');
    expect(await refused('127.0.0.2')).toBe('ECONNREFUSED');
    expect(await refused('::1')).not.toBe('connected');
  });

  it('upgrades /rpc for a client without Origin, and for the page itself', async () => {
    expect(await upgradeStatus(rpcUrl)).toBe(101);
    expect(await upgradeStatus(rpcUrl, { origin: `http://127.0.0.1:${server.port}` })).toBe(101);
    expect(await upgradeStatus(rpcUrl, { origin: `http://localhost:${server.port}` })).toBe(101);
  });

  it('refuses a foreign Origin with 403', async () => {
    expect(await upgradeStatus(rpcUrl, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(rpcUrl, { origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(rpcUrl, { origin: 'null' })).toBe(403);
  });

  it('refuses a foreign Host with 403 (DNS rebinding)', async () => {
    expect(await upgradeStatus(rpcUrl, { headers: { Host: `evil.example:${server.port}` } })).toBe(403);
  });

  it('answers 404 to an upgrade on any other path', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/`)).toBe(404);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/rpc/x`)).toBe(404);
  });

  it('closes 4401 on a wrong token', async () => {
    const socket = openSocket(rpcUrl);
    await opened(socket);
    socket.send(JSON.stringify({ t: 'auth', token: `${TOKEN}x` }));
    expect(await closeOf(socket)).toEqual({ code: 4401, reason: 'unauthorized' });
  });

  it('closes 4401 when the first message is not an auth message', async () => {
    const socket = openSocket(rpcUrl);
    await opened(socket);
    socket.send(JSON.stringify({ t: 'call', id: '1', method: 'test.echo', params: { text: 'x' } }));
    expect((await closeOf(socket)).code).toBe(4401);
    expect(core.started).toEqual([]);
  });

  it('closes 4401 when the first message is binary', async () => {
    const socket = openSocket(rpcUrl);
    await opened(socket);
    socket.send(Buffer.from(JSON.stringify({ t: 'auth', token: TOKEN })));
    expect((await closeOf(socket)).code).toBe(4401);
  });

  it('closes 4401 when no auth arrives in time', async () => {
    const socket = openSocket(rpcUrl);
    await opened(socket);
    const started = Date.now();
    expect((await closeOf(socket)).code).toBe(4401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('closes 4401 when the first message is larger than an auth message can be', async () => {
    const socket = openSocket(rpcUrl);
    await opened(socket);
    const padding = 'x'.repeat(MAX_AUTH_MESSAGE_BYTES);
    socket.send(JSON.stringify({ t: 'auth', token: TOKEN, padding }));
    expect(await closeOf(socket)).toEqual({ code: 4401, reason: 'first message too large' });
    expect(core.host.peerCount).toBe(0);
  });

  it('cuts a socket that sends a large message before authenticating, without reading it all', async () => {
    const socket = openSocket(rpcUrl);
    socket.on('error', () => undefined);
    await opened(socket);
    const closed = closeOf(socket);
    socket.send(JSON.stringify({ t: 'auth', token: TOKEN, padding: 'x'.repeat(8 * 2 ** 20) }));
    // Cut at the TCP level (1006): a 4401 would mean the server read the whole message first.
    expect((await closed).code).toBe(1006);
    expect(core.host.peerCount).toBe(0);
  });

  it(`refuses more than ${MAX_UNAUTHENTICATED_SOCKETS} sockets waiting to authenticate with 503`, async () => {
    const patient = await startWebServer({ core, staticDir, token: TOKEN, authTimeoutMs: 10_000 });
    const url = `ws://127.0.0.1:${patient.port}/rpc`;
    try {
      const waiting = Array.from({ length: MAX_UNAUTHENTICATED_SOCKETS }, () => openSocket(url));
      await Promise.all(waiting.map(opened));
      expect(await upgradeStatus(url)).toBe(503);

      // One authenticates: its place, and only its place, is free again.
      const ready = nextMessage(waiting[0]!);
      waiting[0]!.send(JSON.stringify({ t: 'auth', token: TOKEN }));
      expect(await ready).toEqual({ t: 'ready' });
      const extra = openSocket(url);
      await opened(extra);
      expect(await upgradeStatus(url)).toBe(503);

      // One that closes frees its place too.
      const gone = closeOf(waiting[1]!);
      waiting[1]!.close();
      await gone;
      await vi.waitFor(async () => expect(await upgradeStatus(url)).toBe(101));
      for (const socket of [...waiting, extra]) socket.terminate();
    } finally {
      await patient.close();
    }
  });

  it('answers ready to the right token, then carries frames both ways', async () => {
    const socket = await authenticatedSocket(server.port, TOKEN);
    const answer = nextMessage(socket);
    socket.send(JSON.stringify({ t: 'call', id: 'a1', method: 'test.echo', params: { text: 'hi' } }));
    expect(await answer).toEqual({ t: 'result', id: 'a1', envelope: { ok: true, value: { text: 'hi' } } });
    expect(core.host.peerCount).toBe(1);
    socket.close();
    await vi.waitFor(() => expect(core.host.peerCount).toBe(0));
  });

  it('closes a client that stops reading instead of buffering without bound', async () => {
    const socket = await authenticatedSocket(server.port, TOKEN);
    const subscribed = nextMessage(socket);
    socket.send(JSON.stringify({ t: 'sub', id: 's1', topic: 'test.ticks', params: {} }));
    await subscribed;
    const closed = closeOf(socket);
    socket.pause();

    const blob = 'x'.repeat(256 * 1024);
    for (let n = 0; n < 2000 && core.host.peerCount > 0; n++) {
      core.bus.publish('test.ticks', { room: 'a', n, blob });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(core.host.peerCount).toBe(0);
    expect(core.closedClients).toHaveLength(1);
    expect(logs).toEqual(['closing web client 1: it fell more than 1 MiB behind']);

    socket.on('message', () => undefined);
    socket.resume();
    expect(await closed).toEqual({
      code: CLOSE_TOO_SLOW,
      reason: expect.stringContaining('client too slow'),
    });
  });

  it('closes its clients with 1001 when it shuts down', async () => {
    const socket = await authenticatedSocket(server.port, TOKEN);
    const closed = closeOf(socket);
    await server.close();
    expect((await closed).code).toBe(1001);
    expect(core.host.peerCount).toBe(0);
  });

  it('closes its clients with 1001 when the core shuts down, after answering their calls', async () => {
    const socket = await authenticatedSocket(server.port, TOKEN);
    const messages: unknown[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    socket.send(JSON.stringify({ t: 'call', id: 'c1', method: 'test.slow', params: { ms: 60_000 } }));
    await vi.waitFor(() => expect(core.started).toEqual(['test.slow']));
    const closed = closeOf(socket);
    core.host.closeAll();
    expect(await closed).toEqual({ code: 1001, reason: 'Bosun is shutting down' });
    expect(messages).toEqual([
      {
        t: 'result',
        id: 'c1',
        envelope: { ok: false, error: expect.objectContaining({ code: 'UNAVAILABLE' }) },
      },
    ]);
  });

  it('refuses a token shorter than 16 characters', async () => {
    await expect(startWebServer({ core, staticDir, token: 'short' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
