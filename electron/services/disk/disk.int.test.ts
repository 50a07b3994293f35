import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;

beforeAll(async () => {
  t = await startIntCore();
});

afterAll(async () => {
  if (!t) return;
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('disk.usage on the real engine', () => {
  it('counts what GET /system/df reports', async () => {
    const { engines, failures } = await t.client.call('disk.usage', {});
    const raw = (
      await t.engine.json<{ LayersSize: number; Images: unknown[]; Volumes: unknown[] }>('GET', '/system/df')
    ).value;
    expect(failures).toEqual([]);
    expect(engines).toHaveLength(1);
    const usage = engines[0]!;
    expect(usage.connectionId).toBe('docker-host');
    expect(usage.images.count).toBe(raw.Images.length);
    expect(usage.images.size).toBe(raw.LayersSize);
    expect(usage.images.reclaimable).toBeLessThanOrEqual(raw.LayersSize);
    expect(usage.buildCache.count).toBeGreaterThanOrEqual(0);
  });

  it('is cancelled when the caller gives up', async () => {
    const controller = new AbortController();
    const call = t.client.call('disk.usage', {}, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
