import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServices, type Core } from '../bootstrap';
import { createNodePlatform } from '../server/platform-node';
import type { Contract } from '../shared/contract';
import type { AppError } from '../shared/errors';
import { createClient, type Client } from '../shared/rpc/client';
import { BOOM_SECRET, type TestContract } from './testing/test-contract';
import { createTestCore, type TestCore } from './testing/test-core';
import { openTransport, TRANSPORTS, type Transport } from './testing/transports';
import { rejection } from '../services/testing/rejection';

/** The same calls through every transport: what passes in-process must pass over IPC and WebSocket. */

describe.each(TRANSPORTS)('transport conformance: %s', (name) => {
  let core: TestCore;
  let transport: Transport;
  let client: Client<TestContract>;

  beforeEach(async () => {
    core = createTestCore();
    transport = await openTransport(name, core.host);
    client = createClient<TestContract>(await transport.connect(), { timeoutMs: 5_000 });
  });

  afterEach(async () => {
    client.close();
    await transport.close();
    await core.dispose();
  });

  it('answers a successful call, values intact', async () => {
    const text = 'héllo 世界 🚢 "quotes" \\ \n';
    await expect(client.call('test.echo', { text, n: 7 })).resolves.toEqual({ text, n: 7 });
  });

  it('carries bytes both ways untouched, as Uint8Array (a chunk may end inside a character)', async () => {
    const received: Uint8Array[] = [];
    const subscription = client.subscribe('test.chunks', {}, (payload) => received.push(payload.data));
    await subscription.ready;
    const bytes = new Uint8Array([0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x0a, 0x00, 0xff]);
    await expect(client.call('test.bytes', { data: bytes })).resolves.toEqual({ length: 8 });
    const big = new Uint8Array(256 * 1024).map((_, i) => (i * 7) & 0xff);
    await client.call('test.bytes', { data: big });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]).toBeInstanceOf(Uint8Array);
    expect([...received[0]!]).toEqual([...bytes]);
    expect(Buffer.compare(Buffer.from(received[1]!), Buffer.from(big))).toBe(0);
    subscription.close();
  });

  it('answers INVALID_ARGUMENT for an unknown method', async () => {
    const error = await rejection(client.callRaw('no.such.method', {}));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('no.such.method');
  });

  it('answers INVALID_ARGUMENT with details for invalid params, and never runs the handler', async () => {
    const error = await rejection(client.callRaw('test.echo', { text: 42, extra: true }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((issue) => issue.path)).toContain('text');
    expect(core.started).toEqual([]);
  });

  it("keeps a handler's AppError code and message", async () => {
    const error = await rejection(
      client.call('test.fail', { code: 'NOT_FOUND', message: 'No container abc here.' }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('No container abc here.');
  });

  it('turns an unexpected Error into INTERNAL without leaking its message or stack', async () => {
    const error = await rejection(client.call('test.boom', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.details).toBeUndefined();
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toMatch(/\bat .+:\d+:\d+/);
    expect(core.internalErrors).toHaveLength(1);
    expect(String(core.internalErrors[0])).toContain(BOOM_SECRET);
  });

  it('answers TIMEOUT when the core gives up, and the handler is told', async () => {
    const error = await rejection(client.call('test.hang', {}));
    expect(error.code).toBe('TIMEOUT');
    expect(core.aborts).toEqual([expect.objectContaining({ method: 'test.hang' })]);
    expect((core.aborts[0]?.reason as AppError).code).toBe('TIMEOUT');
  });

  it("waits as long as the method's own deadline says when the client is told it", async () => {
    const patient = createClient<TestContract>(await transport.connect(), {
      timeoutMs: 100,
      timeoutFor: (method) => (method === 'test.slow' ? 5_000 : undefined),
    });
    try {
      await expect(patient.call('test.slow', { ms: 300 })).resolves.toBeDefined();
    } finally {
      patient.close();
    }
  });

  it('answers TIMEOUT when the client gives up, and the cancel frame aborts the handler', async () => {
    const error = await rejection(client.call('test.slow', { ms: 60_000 }, { timeoutMs: 150 }));
    expect(error.code).toBe('TIMEOUT');
    await vi.waitFor(() => expect(core.aborts.map((abort) => abort.method)).toEqual(['test.slow']));
    expect((core.aborts[0]?.reason as AppError).code).toBe('CANCELLED');
  });

  it('delivers published events, honours the filter, and stops after close()', async () => {
    const roomA: number[] = [];
    const everything: string[] = [];
    const filtered = client.subscribe('test.ticks', { room: 'a' }, (payload) => roomA.push(payload.n));
    const all = client.subscribe('test.ticks', {}, (payload) =>
      everything.push(`${payload.room}${payload.n}`),
    );
    await Promise.all([filtered.ready, all.ready]);

    core.bus.publish('test.ticks', { room: 'a', n: 1 });
    core.bus.publish('test.ticks', { room: 'b', n: 2 });
    await vi.waitFor(() => expect(everything).toEqual(['a1', 'b2']));
    expect(roomA).toEqual([1]);

    filtered.close();
    await vi.waitFor(() => expect(core.bus.subscriberCount('test.ticks')).toBe(1));
    core.bus.publish('test.ticks', { room: 'a', n: 3 });
    await vi.waitFor(() => expect(everything).toEqual(['a1', 'b2', 'a3']));
    expect(roomA).toEqual([1]);
  });

  it('refuses a subscription to an unknown topic or with invalid params', async () => {
    const unknown = client.subscribe('test.nothing' as 'test.ticks', {}, () => undefined);
    expect((await rejection(unknown.ready)).code).toBe('INVALID_ARGUMENT');
    const invalid = client.subscribe(
      'test.ticks',
      { room: 5 } as unknown as { room: string },
      () => undefined,
    );
    expect((await rejection(invalid.ready)).code).toBe('INVALID_ARGUMENT');
  });

  it('aborts in-flight handlers and tells the host when the client closes', async () => {
    const pending = rejection(client.call('test.slow', { ms: 60_000 }));
    await vi.waitFor(() => expect(core.started).toEqual(['test.slow']));
    expect(core.host.peerCount).toBe(1);

    client.close();
    expect((await pending).code).toBe('UNAVAILABLE');
    await vi.waitFor(() => expect(core.closedClients).toHaveLength(1));
    expect(core.aborts).toEqual([
      expect.objectContaining({ method: 'test.slow', clientId: core.closedClients[0] }),
    ]);
    expect(core.host.peerCount).toBe(0);
  });

  it('core closes → every pending call rejects UNAVAILABLE and subscriptions get onError', async () => {
    const errors: AppError[] = [];
    const subscription = client.subscribe(
      'test.ticks',
      {},
      () => undefined,
      (error) => errors.push(error),
    );
    await subscription.ready;
    const pending = [
      rejection(client.call('test.slow', { ms: 60_000 })),
      rejection(client.call('test.slow', { ms: 60_000 })),
    ];
    await vi.waitFor(() => expect(core.started).toEqual(['test.slow', 'test.slow']));

    const closing = Date.now();
    core.host.closeAll();
    for (const error of await Promise.all(pending)) {
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toContain('shutting down');
    }
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 'UNAVAILABLE' });
    // Answered by the core, not by the client's own 5 s timeout.
    expect(Date.now() - closing).toBeLessThan(2_000);
    expect(core.aborts.map((abort) => (abort.reason as AppError).code)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(core.bus.subscriberCount('test.ticks')).toBe(0);

    // A call made after the close fails at once too: the link is gone, or the core says why.
    const late = await rejection(client.call('test.echo', { text: 'late' }, { timeoutMs: 2_000 }));
    expect(late.code).toBe('UNAVAILABLE');
    expect(core.host.peerCount).toBe(0);
  });

  it('a core that has shut down ends new clients at once', async () => {
    core.host.closeAll();
    const late = transport
      .connect()
      .then((link) => rejection(createClient<TestContract>(link).call('test.echo', { text: 'x' })))
      .catch((error: unknown) => error);
    expect(await late).toMatchObject({ code: 'UNAVAILABLE' });
    expect(core.started).toEqual([]);
  });
});

describe.each(TRANSPORTS)('the real core answers system.info: %s', (name) => {
  let dataDir: string;
  let core: Core;
  let transport: Transport;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bosun-core-'));
    core = await createServices(createNodePlatform({ face: 'web', dataDir, env: { HOME: dataDir } }), {
      validateOutput: true,
    });
    transport = await openTransport(name, core.host);
  });

  afterEach(async () => {
    await transport.close();
    await core.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('returns the version, the face and the runtime versions', async () => {
    const client = createClient<Contract>(await transport.connect(), { timeoutMs: 5_000 });
    const info = await client.call('system.info', {});
    expect(info.face).toBe('web');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.versions.node).toBe(process.versions.node);
    client.close();
  });
});
