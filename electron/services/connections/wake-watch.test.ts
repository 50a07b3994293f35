import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchForWake } from './wake-watch';

describe('watchForWake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls back when a tick comes far later than due (the machine slept), and not otherwise', () => {
    let clock = 0;
    const woke: number[] = [];
    const stop = watchForWake((ms) => woke.push(ms), { intervalMs: 1000, slackMs: 5000, now: () => clock });
    clock += 1000;
    vi.advanceTimersByTime(1000);
    clock += 1200; // a busy event loop: late, but not asleep
    vi.advanceTimersByTime(1000);
    expect(woke).toEqual([]);
    clock += 61_000; // the timer fired once, a minute late
    vi.advanceTimersByTime(1000);
    expect(woke).toEqual([60_000]);
    stop();
    clock += 100_000;
    vi.advanceTimersByTime(5000);
    expect(woke).toHaveLength(1);
  });
});
