import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/shared/errors';
import { FakeCore } from '../test/fake-core';
import type { BosunClient } from './client';
import { CoreConnection } from './core-connection';

describe('CoreConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const flush = async (): Promise<void> => {
    await vi.advanceTimersByTimeAsync(0);
  };

  it('connects, and reconnects with growing waits after the link drops', async () => {
    const cores: FakeCore[] = [];
    let failNext = 0;
    const connect = vi.fn(async (): Promise<BosunClient> => {
      if (failNext > 0) {
        failNext--;
        throw new AppError('UNAVAILABLE', 'core down');
      }
      const core = new FakeCore();
      cores.push(core);
      return core.client();
    });
    const connection = new CoreConnection(connect, { delays: [100, 200, 400] });
    connection.start();
    await flush();
    expect(connection.getSnapshot().phase).toBe('ready');
    const first = connection.getSnapshot().client;

    failNext = 1;
    cores[0]!.drop();
    expect(connection.getSnapshot()).toMatchObject({ phase: 'waiting', attempt: 1, everConnected: true });
    expect(connection.getSnapshot().error?.message).toContain('lost');
    await vi.advanceTimersByTimeAsync(100);
    expect(connection.getSnapshot()).toMatchObject({ phase: 'waiting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(199);
    expect(connect).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(3);
    expect(connection.getSnapshot()).toMatchObject({ phase: 'ready', attempt: 0 });
    expect(connection.getSnapshot().client).not.toBe(first);
  });

  it('never gives up on a lost core: the longest wait repeats for as long as it takes', async () => {
    const connect = vi.fn(async (): Promise<BosunClient> => {
      throw new AppError('UNAVAILABLE', 'core down');
    });
    const connection = new CoreConnection(connect, { delays: [100, 1_000] });
    connection.start();
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(connect).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(1_000);
    expect(connect).toHaveBeenCalledTimes(22);
    expect(connection.getSnapshot()).toMatchObject({ phase: 'waiting', attempt: 22 });
    connection.dispose();
  });

  it('stops retrying when the core refuses the token, until asked', async () => {
    const connect = vi.fn(async (): Promise<BosunClient> => {
      throw new AppError('PERMISSION_DENIED', 'wrong token');
    });
    const connection = new CoreConnection(connect, { delays: [10] });
    connection.start();
    await flush();
    expect(connection.getSnapshot()).toMatchObject({ phase: 'refused', everConnected: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connect).toHaveBeenCalledTimes(1);
    connection.retryNow();
    await flush();
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('retries at once when asked, instead of waiting out the delay', async () => {
    const connect = vi.fn(async (): Promise<BosunClient> => {
      throw new AppError('UNAVAILABLE', 'not yet');
    });
    const connection = new CoreConnection(connect, { delays: [60_000] });
    connection.start();
    await flush();
    expect(connection.getSnapshot().phase).toBe('waiting');
    connection.retryNow();
    await flush();
    expect(connect).toHaveBeenCalledTimes(2);
  });

  it('turns a non-AppError failure into UNAVAILABLE', async () => {
    const connection = new CoreConnection(() => Promise.reject(new Error('boom')), { delays: [10] });
    connection.start();
    await flush();
    expect(connection.getSnapshot().error?.code).toBe('UNAVAILABLE');
    connection.dispose();
  });
});
