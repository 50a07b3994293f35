import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeEngine, fakeContainer, hexId } from '../testing/fake-engine';
import { ContainerCache } from './container-cache';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let cache: ContainerCache | undefined;

function setup(count = 3): {
  engine: FakeEngine;
  changes: string[][];
  failures: AppError[];
  cache: ContainerCache;
} {
  const engine = new FakeEngine();
  for (let n = 1; n <= count; n++) engine.containers.set(hexId(n), fakeContainer(hexId(n)));
  const changes: string[][] = [];
  const failures: AppError[] = [];
  cache = new ContainerCache({
    connectionId: 'fake',
    engine,
    onChanged: (ids) => changes.push(ids),
    onFailure: (error) => failures.push(error),
  });
  return { engine, changes, failures, cache };
}

afterEach(() => {
  cache?.close();
  cache = undefined;
});

describe('ContainerCache', () => {
  it('is primed with one full list, rows tagged with the connection', async () => {
    const { engine, cache } = setup(3);
    await cache.prime();
    expect(engine.calls.fullLists).toBe(1);
    expect(cache.list().map((row) => [row.id, row.connectionId])).toEqual(
      [1, 2, 3].map((n) => [hexId(n), 'fake']),
    );
  });

  it('re-reads a burst of events in one filtered call and reports each id once', async () => {
    const { engine, changes, cache } = setup(10);
    await cache.prime();
    for (let n = 1; n <= 10; n++)
      engine.containers.set(hexId(n), fakeContainer(hexId(n), { status: 'Up 2 seconds' }));
    for (let round = 0; round < 20; round++) for (let n = 1; n <= 10; n++) cache.markDirty(hexId(n));
    await cache.settled();
    expect(engine.calls.fullLists).toBe(1);
    expect(engine.calls.filteredLists).toHaveLength(1);
    expect(engine.calls.filteredLists[0]?.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(hexId).sort());
    expect(changes).toHaveLength(1);
  });

  it('turns 200 events a second into a few small re-reads, never a full list', async () => {
    const { engine, changes, cache } = setup(50);
    engine.listDelayMs = 15;
    await cache.prime();
    const started = performance.now();
    for (let n = 0; n < 200; n++) {
      const id = hexId((n % 50) + 1);
      engine.containers.set(id, fakeContainer(id, { status: `Up ${n} seconds` }));
      cache.markDirty(id);
      await sleep(5);
    }
    await cache.settled();
    const seconds = (performance.now() - started) / 1000;
    expect(engine.calls.fullLists).toBe(1);
    // Events pile up while a re-read is in flight: far fewer calls than events.
    expect(engine.calls.filteredLists.length).toBeLessThan(200 / 2);
    expect(engine.calls.filteredLists.length).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / 15) + 1);
    expect(new Set(changes.flat()).size).toBe(50);
  });

  it('applies what a re-read says: changed rows, new rows, and ids it no longer returns are removed', async () => {
    const { engine, changes, cache } = setup(3);
    await cache.prime();
    engine.containers.set(hexId(1), fakeContainer(hexId(1), { state: 'exited', status: 'Exited (0)' }));
    engine.containers.delete(hexId(2));
    engine.containers.set(hexId(9), fakeContainer(hexId(9), { name: 'new' }));
    for (const n of [1, 2, 9]) cache.markDirty(hexId(n));
    await cache.settled();
    expect(cache.list().map((row) => [row.id, row.state])).toEqual([
      [hexId(1), 'exited'],
      [hexId(3), 'running'],
      [hexId(9), 'running'],
    ]);
    expect(changes).toEqual([[hexId(1), hexId(2), hexId(9)]]);
  });

  it('reports only the ids whose rows really changed', async () => {
    const { engine, changes, cache } = setup(2);
    await cache.prime();
    engine.containers.set(hexId(2), fakeContainer(hexId(2), { name: 'renamed' }));
    cache.markDirty(hexId(1), 'rename');
    cache.markDirty(hexId(2), 'rename');
    await cache.settled();
    expect(changes).toEqual([[hexId(2)]]);
    cache.markDirty(hexId(1), 'attach');
    await cache.settled();
    expect(changes).toHaveLength(1);
  });

  it('trusts the event over a stale answer, and reads again for the rest of the row', async () => {
    const { engine, changes, cache } = setup(1);
    await cache.prime();
    cache.markDirty(hexId(1), 'pause');
    await cache.settled();
    // The fake still says running, as the engine's list does for a moment after a pause event.
    expect(cache.list()[0]).toMatchObject({ state: 'paused', status: 'Up 1 second' });
    expect(changes).toEqual([[hexId(1)]]);
    engine.containers.set(
      hexId(1),
      fakeContainer(hexId(1), { state: 'paused', status: 'Up 1 second (Paused)' }),
    );
    await vi.waitFor(() => expect(cache.list()[0]?.status).toBe('Up 1 second (Paused)'), { timeout: 1000 });
    expect(changes).toEqual([[hexId(1)], [hexId(1)]]);
    expect(engine.calls.filteredLists.length).toBeGreaterThanOrEqual(2);
  });

  it('removes a destroyed container even if the list still shows it, and stops re-reading after a few tries', async () => {
    const { engine, changes, cache } = setup(1);
    await cache.prime();
    cache.markDirty(hexId(1), 'destroy');
    await cache.settled();
    expect(cache.list()).toEqual([]);
    expect(changes).toEqual([[hexId(1)]]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(engine.calls.filteredLists).toHaveLength(6);
    expect(changes).toHaveLength(1);
  });

  it('uses one full list when too many ids are dirty for a filter', async () => {
    const { engine, changes, cache } = setup(300);
    await cache.prime();
    engine.containers.delete(hexId(7));
    for (let n = 1; n <= 250; n++) cache.markDirty(hexId(n));
    await cache.settled();
    expect(engine.calls.fullLists).toBe(2);
    expect(engine.calls.filteredLists).toEqual([]);
    expect(cache.size).toBe(299);
    expect(changes).toEqual([[hexId(7)]]);
  });

  it('collects events that arrive during the prime and re-reads them after it', async () => {
    const { engine, cache } = setup(2);
    engine.listDelayMs = 20;
    const priming = cache.prime();
    engine.containers.set(hexId(2), fakeContainer(hexId(2), { state: 'paused' }));
    cache.markDirty(hexId(2), 'pause');
    await priming;
    await cache.settled();
    expect(engine.calls.filteredLists).toEqual([[hexId(2)]]);
    expect(cache.list({ ids: [hexId(2)] })[0]?.state).toBe('paused');
  });

  it('reports a failed re-read to its owner', async () => {
    const { engine, failures, cache } = setup(1);
    await cache.prime();
    engine.listError = new AppError('UNAVAILABLE', 'gone');
    cache.markDirty(hexId(1));
    await cache.settled();
    expect(failures.map((f) => f.message)).toEqual(['gone']);
  });

  it('reports an untranslated re-read error with a fixed message, and the original to onInternalError', async () => {
    const engine = new FakeEngine();
    const failures: AppError[] = [];
    const internal: unknown[] = [];
    cache = new ContainerCache({
      connectionId: 'fake',
      engine,
      onChanged: () => undefined,
      onFailure: (error) => failures.push(error),
      onInternalError: (error) => internal.push(error),
    });
    await cache.prime();
    engine.listError = new TypeError("Cannot read properties of undefined (reading 'Id')");
    cache.markDirty(hexId(1));
    await cache.settled();
    expect(failures.map((f) => [f.code, f.message])).toEqual([
      [
        'INTERNAL',
        'Bosun could not re-read the containers of this engine (an unexpected error, logged). Bosun reconnects by itself; if this repeats, report it with Bosun’s log.',
      ],
    ]);
    expect(internal).toEqual([engine.listError]);
  });

  it('filters by full id or prefix, and running-only keeps paused and restarting', async () => {
    const { engine, cache } = setup(0);
    engine.containers.set(
      'abc1'.padEnd(64, '0'),
      fakeContainer('abc1'.padEnd(64, '0'), { state: 'running' }),
    );
    engine.containers.set('abc2'.padEnd(64, '0'), fakeContainer('abc2'.padEnd(64, '0'), { state: 'paused' }));
    engine.containers.set('def1'.padEnd(64, '0'), fakeContainer('def1'.padEnd(64, '0'), { state: 'exited' }));
    engine.containers.set(
      'def2'.padEnd(64, '0'),
      fakeContainer('def2'.padEnd(64, '0'), { state: 'restarting' }),
    );
    await cache.prime();
    expect(cache.list({ ids: ['abc'] }).map((r) => r.id.slice(0, 4))).toEqual(['abc1', 'abc2']);
    expect(cache.list({ ids: ['def1'.padEnd(64, '0'), 'abc2'] }).map((r) => r.id.slice(0, 4))).toEqual([
      'abc2',
      'def1',
    ]);
    expect(cache.list({ ids: ['fff'] })).toEqual([]);
    expect(cache.list({ runningOnly: true }).map((r) => r.state)).toEqual([
      'running',
      'paused',
      'restarting',
    ]);
  });

  it('does nothing after close: no timer, no call, settled resolves', async () => {
    const { engine, changes, cache } = setup(1);
    await cache.prime();
    cache.markDirty(hexId(1));
    const settled = cache.settled();
    cache.close();
    await settled;
    cache.markDirty(hexId(1));
    await sleep(20);
    expect(engine.calls.filteredLists).toEqual([]);
    expect(changes).toEqual([]);
  });
});
