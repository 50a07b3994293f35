import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSamples } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ContainerCache } from '../containers/container-cache';
import type { EngineDirectory, EngineSessionView } from '../containers/engine-directory';
import { fakeContainer, FakeEngine } from '../testing/fake-engine';
import { fakeReading } from '../testing/fake-stats';
import { StatsService, type StatsOptions } from './stats-service';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';

let engine: FakeEngine;
let cache: ContainerCache;
let down: AppError | undefined;
let published: StatsSamples[];
let service: StatsService;

async function setup(options: StatsOptions = {}): Promise<void> {
  engine = new FakeEngine();
  for (const id of [A, B, C]) engine.containers.set(id, fakeContainer(id));
  cache = new ContainerCache({
    connectionId: 'lab',
    engine,
    onChanged: () => undefined,
    onFailure: () => undefined,
  });
  await cache.prime();
  down = undefined;
  const view: EngineSessionView = {
    id: 'lab',
    endpoint: 'unix:///lab.sock',
    ready: async () => undefined,
    liveCache: () => {
      if (down) throw down;
      return cache;
    },
    liveEngine: () => {
      if (down) throw down;
      return engine;
    },
  };
  const directory: EngineDirectory = {
    loaded: async () => undefined,
    get: (id) => (id === 'lab' ? view : undefined),
    all: () => [view],
  };
  published = [];
  service = new StatsService({
    engines: directory,
    publish: (samples) => published.push(samples),
    tickMs: 3_600_000,
    lingerMs: 5_000,
    ...options,
  });
}

/** Lets the fake engine's open() settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function watch(watchId: string, ids: string[], clientId = 'win-1') {
  return service.watch(
    { watchId, targets: ids.map((containerId) => ({ connectionId: 'lab', containerId })) },
    clientId,
  );
}

/** Two readings one second apart, `busy` CPUs (of two) in use between them. */
function pushBusy(id: string, busy = 0.5, t0 = 1_700_000_000_000): void {
  const system = 2e9; // two CPUs for one second
  engine.stats.push(id, fakeReading({ time: t0, cpuTotal: 1e9, systemCpu: 10e9 }));
  engine.stats.push(
    id,
    fakeReading({
      time: t0 + 1000,
      cpuTotal: 1e9 + busy * 1e9,
      preCpuTotal: 1e9,
      systemCpu: 10e9 + system,
      preSystemCpu: 10e9,
      networkRxBytes: 2048,
    }),
  );
}

/** Flushes and answers what watch `watchId` received in that flush. */
function flushFor(watchId: string) {
  published.length = 0;
  service.flush();
  return published.filter((p) => p.watchId === watchId).flatMap((p) => p.entries);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  service.dispose();
  cache.close();
  vi.useRealTimers();
});

describe('StatsService', () => {
  it('shares one engine stream between every watch of a container, and batches per watch', async () => {
    await setup();
    await watch(W1, [A, B], 'win-1');
    await watch(W2, [A], 'win-2');
    await settle();
    expect(engine.stats.opened.sort()).toEqual([A, B]);
    expect(service.streamCount('lab')).toBe(2);

    expect(flushFor(W1).map((e) => e.status)).toEqual(['starting', 'starting']);
    pushBusy(A, 0.5);
    published.length = 0;
    service.flush();
    // One event per watch, each with only what is new for it.
    expect(published.map((p) => p.watchId).sort()).toEqual([W1, W2]);
    const forW1 = published.find((p) => p.watchId === W1)!.entries;
    expect(forW1).toHaveLength(1);
    expect(forW1[0]).toMatchObject({ containerId: A, status: 'live', message: '' });
    expect(forW1[0]!.samples).toHaveLength(1);
    expect(forW1[0]!.samples[0]).toMatchObject({ cpuPercent: 50, networkRxRate: 2048, onlineCpus: 2 });
    expect(flushFor(W1)).toEqual([]);
  });

  it('keeps a stream open a little after the last watcher leaves, then closes it', async () => {
    await setup();
    await watch(W1, [A]);
    await settle();
    await watch(W1, []);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(engine.stats.isOpen(A)).toBe(true);
    // Scrolled back within the linger: the same stream, no new one.
    await watch(W1, [A]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(engine.stats.opened).toEqual([A]);
    service.unwatch(W1, 'win-1');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(engine.stats.isOpen(A)).toBe(false);
    expect(engine.stats.closed).toEqual([A]);
    expect(service.streamCount()).toBe(0);
  });

  it('a new watcher of a live stream gets its recent samples at once', async () => {
    await setup();
    await watch(W1, [A], 'win-1');
    await settle();
    pushBusy(A);
    await watch(W2, [A], 'win-2');
    const entries = flushFor(W2);
    expect(entries[0]).toMatchObject({
      status: 'live',
      samples: [expect.objectContaining({ cpuPercent: 50 })],
    });
  });

  it('caps the streams of one engine and answers the rest "not sampled" until a slot frees', async () => {
    await setup({ maxStreamsPerEngine: 2 });
    await watch(W1, [A, B, C]);
    await settle();
    expect(service.streamCount('lab')).toBe(2);
    const entries = flushFor(W1);
    const capped = entries.find((e) => e.containerId === C)!;
    expect(capped).toMatchObject({ status: 'not-sampled', message: expect.stringContaining('at most 2') });
    // A leaves the screen: C, still watched, takes its slot at once (no linger while someone waits).
    await watch(W1, [B, C]);
    await settle();
    expect(engine.stats.isOpen(A)).toBe(false);
    expect(engine.stats.isOpen(C)).toBe(true);
    expect(flushFor(W1).find((e) => e.containerId === C)).toMatchObject({ status: 'starting' });
  });

  it('a lingering stream gives way to a watched container', async () => {
    await setup({ maxStreamsPerEngine: 1 });
    await watch(W1, [A]);
    await settle();
    await watch(W1, [B]);
    await settle();
    expect(engine.stats.isOpen(A)).toBe(false);
    expect(engine.stats.isOpen(B)).toBe(true);
  });

  it('opens no stream for a stopped container, and opens one when it starts', async () => {
    await setup();
    engine.containers.set(A, fakeContainer(A, { state: 'exited', status: 'Exited (0)' }));
    cache.markDirty(A);
    await vi.advanceTimersByTimeAsync(10);
    await watch(W1, [A]);
    await settle();
    expect(engine.stats.opened).toEqual([]);
    expect(flushFor(W1)[0]).toMatchObject({
      status: 'not-running',
      message: expect.stringContaining('exited'),
    });

    engine.containers.set(A, fakeContainer(A));
    cache.markDirty(A);
    await vi.advanceTimersByTimeAsync(10);
    service.containersChanged({ connectionId: 'lab', ids: [A], full: false });
    await settle();
    expect(engine.stats.opened).toEqual([A]);
  });

  it('ends a stream cleanly when its container stops, and says it is gone when removed', async () => {
    await setup();
    await watch(W1, [A, B]);
    await settle();
    pushBusy(A);
    engine.stats.end(A, { kind: 'stopped' });
    expect(service.streamCount('lab')).toBe(1);
    expect(flushFor(W1).find((e) => e.containerId === A)).toMatchObject({
      status: 'not-running',
      samples: [],
    });

    engine.containers.delete(B);
    cache.markDirty(B);
    await vi.advanceTimersByTimeAsync(10);
    service.containersChanged({ connectionId: 'lab', ids: [B], full: false });
    expect(engine.stats.closed).toContain(B);
    expect(flushFor(W1).find((e) => e.containerId === B)).toMatchObject({ status: 'gone' });
  });

  it('opens a broken stream again after a while, and says why meanwhile', async () => {
    await setup({ retryMs: 2_000 });
    await watch(W1, [A]);
    await settle();
    engine.stats.end(A, {
      kind: 'failed',
      error: new AppError('UNAVAILABLE', 'The engine closed the connection.'),
    });
    expect(flushFor(W1)[0]).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('closed'),
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(engine.stats.opened).toEqual([A, A]);
  });

  it('gives a paused container 0 % CPU', async () => {
    await setup();
    engine.containers.set(A, fakeContainer(A, { state: 'paused' }));
    cache.markDirty(A);
    await vi.advanceTimersByTimeAsync(10);
    await watch(W1, [A]);
    await settle();
    pushBusy(A, 0.9);
    expect(flushFor(W1)[0]!.samples[0]!.cpuPercent).toBe(0);
  });

  it('says why when the connection is unknown or not connected', async () => {
    await setup();
    await service.watch({ watchId: W1, targets: [{ connectionId: 'nope', containerId: A }] }, 'win-1');
    expect(flushFor(W1)[0]).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('nope'),
    });
    down = new AppError('UNAVAILABLE', 'lab is reconnecting.');
    await watch(W2, [B]);
    expect(flushFor(W2)[0]).toMatchObject({ status: 'unavailable', message: 'lab is reconnecting.' });
    expect(engine.stats.opened).toEqual([]);
  });

  it('belongs to the client that made it', async () => {
    await setup();
    expect(service.samplesGuard.admit({ watchId: W1 }, 'win-1')).toBeUndefined();
    expect(service.samplesGuard.admit({ watchId: W1 }, 'win-2')).toMatchObject({ code: 'NOT_FOUND' });
    await expect(watch(W1, [A], 'win-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await watch(W1, [A], 'win-1');
    expect(() => service.unwatch(W1, 'win-2')).toThrow(AppError);
  });

  it('bounds the watches of one client', async () => {
    await setup();
    for (let i = 0; i < 8; i++) await watch(`00000000-0000-4000-8000-00000000000${i}`, [A]);
    await expect(watch(W1, [A])).rejects.toMatchObject({ code: 'CONFLICT' });
    await watch(W1, [A], 'win-2');
  });

  it('releases everything of a client that went away', async () => {
    await setup();
    service.samplesGuard.admit({ watchId: W1 }, 'win-1');
    await watch(W1, [A, B]);
    await settle();
    service.closeClient('win-1');
    expect(service.watchCount).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(service.streamCount()).toBe(0);
    // The id is free again.
    expect(service.samplesGuard.admit({ watchId: W1 }, 'win-2')).toBeUndefined();
  });

  it('publishes on its own once a second while someone watches', async () => {
    await setup({ tickMs: 1_000 });
    await watch(W1, [A]);
    await settle();
    pushBusy(A);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(published.filter((p) => p.watchId === W1)).toHaveLength(1);
    service.unwatch(W1, 'win-1');
    published.length = 0;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(published).toEqual([]);
  });
});
