import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Client } from '../shared/rpc/client';
import { connectInProcess } from './in-process';
import { MAX_CALLS_IN_FLIGHT, MAX_SUBSCRIPTIONS } from './router';
import type { TestContract } from './testing/test-contract';
import { createTestCore, type TestCore } from './testing/test-core';

describe('RpcPeer limits', () => {
  let core: TestCore;
  let client: Client<TestContract>;

  beforeEach(() => {
    core = createTestCore();
    client = createClient<TestContract>(connectInProcess(core.host), { timeoutMs: 10_000 });
  });

  afterEach(async () => {
    client.close();
    await core.dispose();
  });

  it(`answers UNAVAILABLE past ${MAX_CALLS_IN_FLIGHT} calls in flight, and takes calls again as they finish`, async () => {
    const first = new AbortController();
    const held = Array.from({ length: MAX_CALLS_IN_FLIGHT }, (_, n) =>
      client
        .call('test.slow', { ms: 60_000 }, n === 0 ? { signal: first.signal } : {})
        .catch((error: unknown) => error),
    );
    await vi.waitFor(() => expect(core.started).toHaveLength(MAX_CALLS_IN_FLIGHT));

    await expect(client.call('test.echo', { text: 'one too many' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('wait for some to finish'),
    });
    expect(core.started).not.toContain('test.echo');

    first.abort();
    await vi.waitFor(() => expect(core.aborts).toHaveLength(1));
    await vi.waitFor(() =>
      expect(client.call('test.echo', { text: 'room again' })).resolves.toEqual({ text: 'room again' }),
    );
    client.close();
    await Promise.all(held);
  });

  it(`answers CONFLICT past ${MAX_SUBSCRIPTIONS} subscriptions, and takes one again after a close`, async () => {
    const subscriptions = Array.from({ length: MAX_SUBSCRIPTIONS }, () =>
      client.subscribe('test.ticks', {}, () => undefined),
    );
    await Promise.all(subscriptions.map((subscription) => subscription.ready));
    expect(core.bus.subscriberCount('test.ticks')).toBe(MAX_SUBSCRIPTIONS);

    const extra = client.subscribe('test.ticks', {}, () => undefined);
    await expect(extra.ready).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('close some'),
    });
    expect(core.bus.subscriberCount('test.ticks')).toBe(MAX_SUBSCRIPTIONS);

    subscriptions[0]!.close();
    await vi.waitFor(() => expect(core.bus.subscriberCount('test.ticks')).toBe(MAX_SUBSCRIPTIONS - 1));
    await expect(client.subscribe('test.ticks', {}, () => undefined).ready).resolves.toBeUndefined();
  });

  it('keeps the limits per client: a busy client does not block another', async () => {
    const held = Array.from({ length: MAX_CALLS_IN_FLIGHT }, () =>
      client.call('test.slow', { ms: 60_000 }).catch((error: unknown) => error),
    );
    await vi.waitFor(() => expect(core.started).toHaveLength(MAX_CALLS_IN_FLIGHT));
    const other = createClient<TestContract>(connectInProcess(core.host));
    await expect(other.call('test.echo', { text: 'me too' })).resolves.toEqual({ text: 'me too' });
    other.close();
    client.close();
    await Promise.all(held);
  });
});
