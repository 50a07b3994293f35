import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestContract } from '../rpc/testing/test-contract';
import { createTestCore, type TestCore } from '../rpc/testing/test-core';
import type { WireError } from '../shared/errors';
import { createClient } from '../shared/rpc/client';
import { startWebServer, type WebServer } from './server';
import { connectToWebServer, parseWebUrl } from './ws-client';

describe('parseWebUrl', () => {
  it('turns the printed page URL into the socket URL and the token', () => {
    expect(parseWebUrl('http://127.0.0.1:4242/#token=abc_DEF-1')).toEqual({
      wsUrl: 'ws://127.0.0.1:4242/rpc',
      token: 'abc_DEF-1',
    });
    expect(parseWebUrl('http://localhost:80/#token=t').wsUrl).toBe('ws://localhost/rpc');
  });

  it.each([
    ['not a URL', 'bosun'],
    ['no token', 'http://127.0.0.1:4242/'],
    ['an empty token', 'http://127.0.0.1:4242/#token='],
    ['another scheme', 'https://127.0.0.1:4242/#token=abc'],
    ['a host off this machine', 'http://192.0.2.7:4242/#token=abc'],
  ])('refuses %s with INVALID_ARGUMENT', (_what, url) => {
    expect(() => parseWebUrl(url)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('connectToWebServer', () => {
  let core: TestCore;
  let server: WebServer;
  let staticDir: string;

  beforeEach(async () => {
    core = createTestCore();
    staticDir = await mkdtemp(join(tmpdir(), 'bosun-client-'));
    server = await startWebServer({ core, staticDir });
  });

  afterEach(async () => {
    await server.close();
    await core.dispose();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('authenticates with the token from the URL and carries calls', async () => {
    const client = createClient<TestContract>(await connectToWebServer(server.url));
    await expect(client.call('test.echo', { text: 'over the wire' })).resolves.toEqual({
      text: 'over the wire',
    });
    client.close();
  });

  it('rejects with PERMISSION_DENIED when the core refuses the token', async () => {
    const url = `http://127.0.0.1:${server.port}/#token=${'w'.repeat(43)}`;
    await expect(connectToWebServer(url)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message:
        "The Bosun core refused this page's token: open the URL printed by `bosun web` (or `npm start`) again.",
    });
  });

  it('rejects with UNAVAILABLE when nothing listens', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await expect(connectToWebServer(`http://127.0.0.1:${free}/#token=abc`)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });

  it('rejects with UNAVAILABLE, and the process survives, when a listener never answers the upgrade', async () => {
    // A TCP listener that accepts and says nothing: the socket is still CONNECTING when the handshake
    // times out, and `ws` reports the abort with an 'error' event that must find a listener.
    const accepted: Socket[] = [];
    const silent = createServer((socket) => {
      accepted.push(socket);
      // Read (and ignore) the upgrade request, so the client's hang-up is seen.
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const peerGone = new Promise<void>((resolve) =>
      silent.on('connection', (socket: Socket) => socket.on('close', () => resolve())),
    );
    const uncaught: unknown[] = [];
    const record = (error: unknown): number => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      await expect(
        connectToWebServer(`http://127.0.0.1:${port}/#token=abc`, { handshakeTimeoutMs: 50 }),
      ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      // The client tore its socket down; by the time the listener sees it, any 'error' ws emits
      // for the abort has fired (an unhandled one would fail this run as an uncaught exception).
      await peerGone;
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports the lost connection once when the core goes away', async () => {
    const link = await connectToWebServer(server.url);
    const reasons: WireError[] = [];
    link.onClose((reason) => reasons.push(reason));
    const client = createClient<TestContract>(link);
    const pending = client.call('test.slow', { ms: 60_000 }).catch((error: unknown) => error);
    await server.close();
    expect(await pending).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The connection to the Bosun core was lost.',
    });
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'UNAVAILABLE',
        details: { closeCode: 1001, closeReason: 'Bosun is shutting down' },
      }),
    ]);
  });
});
