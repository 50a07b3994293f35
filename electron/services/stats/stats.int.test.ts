import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import type { Contract, StatsEntry, StatsSample } from '../../shared/contract';
import type { Client } from '../../shared/rpc/client';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';

const MIB = 1024 * 1024;
const BUSY = ['sh', '-c', 'while :; do :; done'];

let t: IntCore;
let connectionId: string;
let busy: string;
const created: string[] = [];
let network: string | undefined;

/** Watches containers from one client and keeps what arrives: the latest entry and every sample. */
class Watcher {
  readonly watchId = randomUUID();
  readonly latest = new Map<string, StatsEntry>();
  readonly samples = new Map<string, StatsSample[]>();
  private readonly subscription;

  constructor(private readonly client: Client<Contract>) {
    this.subscription = client.subscribe('stats.samples', { watchId: this.watchId }, ({ entries }) => {
      for (const entry of entries) {
        this.latest.set(entry.containerId, entry);
        this.samples.set(entry.containerId, [
          ...(this.samples.get(entry.containerId) ?? []),
          ...entry.samples,
        ]);
      }
    });
  }

  async watch(...ids: string[]): Promise<void> {
    await this.subscription.ready;
    await this.client.call('stats.watch', {
      watchId: this.watchId,
      targets: ids.map((containerId) => ({ connectionId, containerId })),
    });
  }

  status(id: string): string | undefined {
    return this.latest.get(id)?.status;
  }

  last(id: string): StatsSample | undefined {
    return this.samples.get(id)?.at(-1);
  }

  async close(): Promise<void> {
    await this.client.call('stats.unwatch', { watchId: this.watchId });
    this.subscription.close();
  }
}

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  busy = await runTestContainer(t.engine, {
    image: t.env.images.busybox,
    cmd: BUSY,
    hostConfig: { Memory: 64 * MIB },
  });
  created.push(busy);
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  if (network) await t.engine.json('DELETE', `/networks/${network}`);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('stats on the real engine', () => {
  it('samples a busy container: CPU above zero, memory against its limit, pids', async () => {
    const w = new Watcher(t.client);
    await w.watch(busy);
    await expect.poll(() => w.last(busy)?.cpuPercent ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);
    expect(w.status(busy)).toBe('live');
    const sample = w.last(busy)!;
    expect(sample.memoryLimitBytes).toBe(64 * MIB);
    expect(sample.memoryLimited).toBe(true);
    expect(sample.memoryBytes).toBeGreaterThan(0);
    expect(sample.memoryBytes).toBeLessThan(64 * MIB);
    expect(sample.onlineCpus).toBeGreaterThan(0);
    expect(sample.cpuPercent).toBeLessThanOrEqual(sample.onlineCpus * 100 + 1);
    expect(sample.pids).toBeGreaterThanOrEqual(1);
    expect(sample.time).toBeGreaterThan(Date.now() - 60_000);
    await w.close();
  });

  it('shares one engine stream between two clients, and closes it a while after the last one left', async () => {
    const one = new Watcher(t.client);
    const other = new Watcher(t.connect('second window'));
    await one.watch(busy);
    await other.watch(busy);
    await expect.poll(() => other.status(busy), { timeout: 15_000 }).toBe('live');
    expect(t.core.stats.streamCount(connectionId)).toBe(1);
    await one.close();
    expect(t.core.stats.streamCount(connectionId)).toBe(1);
    await other.close();
    // Kept for the linger (5 s), so scrolling back does not reopen it; then closed.
    expect(t.core.stats.streamCount(connectionId)).toBe(1);
    await expect.poll(() => t.core.stats.streamCount(connectionId), { timeout: 12_000 }).toBe(0);
  });

  it('shows an unlimited container against the host memory, flagged as no limit', async () => {
    const idle = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '3600'] });
    created.push(idle);
    const w = new Watcher(t.client);
    await w.watch(idle);
    await expect.poll(() => w.last(idle), { timeout: 15_000 }).toBeDefined();
    const info = await t.engine.json<{ MemTotal: number }>('GET', '/info');
    expect(w.last(idle)).toMatchObject({ memoryLimited: false, memoryLimitBytes: info.value.MemTotal });
    await w.close();
  });

  it('counts network bytes of real traffic between two containers', async () => {
    const made = await t.engine.json<{ Id: string }>('POST', '/networks/create', {
      Name: `bosun-stats-${randomUUID().slice(0, 8)}`,
      Labels: { ...TEST_LABELS },
    });
    network = made.value.Id;
    const server = await runTestContainer(t.engine, {
      image: t.env.images.busybox,
      cmd: ['sh', '-c', 'mkdir -p /www && head -c 200000 /dev/zero > /www/blob && httpd -f -p 8080 -h /www'],
      hostConfig: { NetworkMode: network },
    });
    created.push(server);
    const inspect = await t.engine.json<{
      NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
    }>('GET', `/containers/${server}/json`);
    const ip = Object.values(inspect.value.NetworkSettings.Networks)[0]!.IPAddress;
    const fetcher = await runTestContainer(t.engine, {
      image: t.env.images.busybox,
      cmd: ['sh', '-c', `while :; do wget -q -O /dev/null http://${ip}:8080/blob; sleep 0.3; done`],
      hostConfig: { NetworkMode: network },
    });
    created.push(fetcher);
    const w = new Watcher(t.client);
    await w.watch(server, fetcher);
    await expect.poll(() => w.last(server)?.networkTxRate ?? 0, { timeout: 20_000 }).toBeGreaterThan(10_000);
    await expect.poll(() => w.last(fetcher)?.networkRxRate ?? 0, { timeout: 20_000 }).toBeGreaterThan(10_000);
    expect(w.last(fetcher)!.networkRxBytes).toBeGreaterThan(200_000);
    expect(w.last(server)!.blockReadRate).toBeGreaterThanOrEqual(0);
    await w.close();
  });

  it('pauses at 0 % CPU, ends cleanly when the container stops, and resumes when it starts', async () => {
    const w = new Watcher(t.client);
    await w.watch(busy);
    await expect.poll(() => w.last(busy)?.cpuPercent ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);

    await t.engine.json('POST', `/containers/${busy}/pause`);
    await expect.poll(() => w.last(busy)?.cpuPercent, { timeout: 15_000 }).toBe(0);
    expect(w.status(busy)).toBe('live');
    await t.engine.json('POST', `/containers/${busy}/unpause`);
    await expect.poll(() => w.last(busy)?.cpuPercent ?? 0, { timeout: 15_000 }).toBeGreaterThan(20);

    await t.engine.json('POST', `/containers/${busy}/stop?t=0`);
    await expect.poll(() => w.status(busy), { timeout: 15_000 }).toBe('not-running');
    expect(w.latest.get(busy)!.message).toMatch(/running container/);
    expect(t.core.stats.streamCount(connectionId)).toBe(0);

    const before = w.samples.get(busy)!.length;
    await t.engine.json('POST', `/containers/${busy}/start`);
    await expect.poll(() => w.samples.get(busy)!.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(w.status(busy)).toBe('live');
    await w.close();
  });

  it('says a removed container is gone', async () => {
    const doomed = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '3600'] });
    created.push(doomed);
    // Earlier tests' streams linger a few seconds; this one counts only its own.
    await expect.poll(() => t.core.stats.streamCount(connectionId), { timeout: 12_000 }).toBe(0);
    const w = new Watcher(t.client);
    await w.watch(doomed);
    await expect.poll(() => w.status(doomed), { timeout: 15_000 }).toBe('live');
    expect(t.core.stats.streamCount(connectionId)).toBe(1);
    await removeTestContainers(t.engine, [doomed]);
    await expect.poll(() => w.status(doomed), { timeout: 15_000 }).toBe('gone');
    expect(t.core.stats.streamCount(connectionId)).toBe(0);
    await w.close();
  });
});
