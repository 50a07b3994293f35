import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { In } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { sample } from './stats-fixtures';
import { MAX_STATS_TARGETS } from '../../../electron/shared/contract/stats';
import { MAX_WATCH_TARGETS, PANEL_POINTS, StatsStore, TABLE_POINTS } from './stats-store';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const KEY_A = `local/${A}`;
const KEY_B = `local/${B}`;

let fake: FakeCore;
let store: StatsStore;
let now: number;

function watchCalls(): Array<In<'stats.watch'>> {
  return fake.callsOf('stats.watch');
}

function play(watchId: string, id: string, times: number[], status: 'live' | 'not-running' = 'live'): void {
  fake.emit('stats.samples', {
    watchId,
    entries: [
      { connectionId: 'local', containerId: id, status, message: '', samples: times.map((t) => sample(t)) },
    ],
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  fake = new FakeCore();
  now = 1_000_000;
  store = new StatsStore({ sendDelayMs: 100, forgetAfterMs: 60_000, now: () => now });
  store.attach(fake.client());
});

afterEach(() => {
  store.detach();
  vi.useRealTimers();
});

describe('StatsStore', () => {
  it('asks for the union of what the screen shows, in one watch, coalescing quick changes', async () => {
    store.setInterest('table', [KEY_A], TABLE_POINTS);
    store.setInterest('table', [KEY_A, KEY_B], TABLE_POINTS);
    store.setInterest('details', [KEY_B], PANEL_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    expect(watchCalls()).toHaveLength(1);
    const [call] = watchCalls();
    // The details pane's container comes first: it is never the one left out.
    expect(call!.targets).toEqual([
      { connectionId: 'local', containerId: B },
      { connectionId: 'local', containerId: A },
    ]);
    expect(fake.subscriptionsOf('stats.samples')).toEqual([{ watchId: call!.watchId }]);
    // The same set again asks nothing.
    store.setInterest('table', [KEY_B, KEY_A], TABLE_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    expect(watchCalls()).toHaveLength(1);
  });

  it('keeps a bounded history per container and tells only that container’s listeners', async () => {
    store.setInterest('table', [KEY_A, KEY_B], TABLE_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    const { watchId } = watchCalls()[0]!;
    const heardA = vi.fn();
    const heardB = vi.fn();
    store.subscribeKey(KEY_A, heardA);
    store.subscribeKey(KEY_B, heardB);
    const before = store.getKey(KEY_A);
    expect(before.status).toBe('waiting');
    play(watchId, A, Array.from({ length: 100 }, (_, i) => i * 1000).slice(0, 5));
    for (let i = 5; i < 100; i++) play(watchId, A, [i * 1000]);
    expect(heardA).toHaveBeenCalledTimes(96);
    expect(heardB).not.toHaveBeenCalled();
    const after = store.getKey(KEY_A);
    expect(after).not.toBe(before);
    expect(after.status).toBe('live');
    expect(after.samples).toHaveLength(TABLE_POINTS);
    expect(after.samples.at(-1)!.time).toBe(99_000);
    // A repeated sample (same time) is not a new point.
    play(watchId, A, [99_000]);
    expect(store.getKey(KEY_A).samples).toHaveLength(TABLE_POINTS);
  });

  it('keeps five minutes for the details pane', async () => {
    store.setInterest('details', [KEY_A], PANEL_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    const { watchId } = watchCalls()[0]!;
    for (let i = 0; i < 400; i++) play(watchId, A, [i * 1000]);
    expect(store.getKey(KEY_A).samples).toHaveLength(PANEL_POINTS);
  });

  it('forgets containers a while after they left the screen', async () => {
    store.setInterest('table', [KEY_A], TABLE_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    play(watchCalls()[0]!.watchId, A, [1000]);
    store.setInterest('table', [], TABLE_POINTS);
    now += 30_000;
    store.setInterest('details', [KEY_B], PANEL_POINTS);
    expect(store.getKey(KEY_A).samples).toHaveLength(1);
    now += 31_000;
    store.setInterest('details', [KEY_B], PANEL_POINTS);
    expect(store.getKey(KEY_A).status).toBe('waiting');
    expect(store.getKey(KEY_A).samples).toEqual([]);
  });

  it('says why when the core refuses the watch', async () => {
    fake.handle('stats.watch', () => {
      throw new AppError('CONFLICT', 'This window already holds 8 stats watches.');
    });
    store.setInterest('table', [KEY_A], TABLE_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getKey(KEY_A)).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('8 stats'),
    });
  });

  it('names at most as many containers as the contract allows, the details pane first', async () => {
    expect(MAX_WATCH_TARGETS).toBe(MAX_STATS_TARGETS);
    const many = Array.from({ length: 150 }, (_, i) => `local/${i.toString(16).padStart(64, '0')}`);
    store.setInterest('table', many, TABLE_POINTS);
    store.setInterest('details', [KEY_A], PANEL_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    const { targets } = watchCalls()[0]!;
    expect(targets).toHaveLength(MAX_STATS_TARGETS);
    expect(targets[0]).toEqual({ connectionId: 'local', containerId: A });
  });

  it('asks again with a new watch after a reconnect', async () => {
    store.setInterest('table', [KEY_A], TABLE_POINTS);
    await vi.advanceTimersByTimeAsync(100);
    const first = watchCalls()[0]!.watchId;
    store.detach();
    store.attach(fake.client());
    await vi.advanceTimersByTimeAsync(100);
    expect(watchCalls()).toHaveLength(2);
    expect(watchCalls()[1]!.watchId).not.toBe(first);
    expect(watchCalls()[1]!.targets).toEqual([{ connectionId: 'local', containerId: A }]);
  });
});
