import { describe, expect, it } from 'vitest';
import { Backoff, DEFAULT_BACKOFF } from './backoff';

describe('Backoff', () => {
  it('retries a young outage at most every 2 s, so a service back is used within seconds', () => {
    const backoff = new Backoff();
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next(10_000))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    expect(backoff.attempt).toBe(6);
  });

  it('slows down to 15 s once the outage is past two minutes', () => {
    const backoff = new Backoff();
    const old = DEFAULT_BACKOFF.patientForMs! + 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => backoff.next(old))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 15000, 15000,
    ]);
  });

  it('moves from the fast ceiling to the slow one without starting over', () => {
    const backoff = new Backoff();
    for (let i = 0; i < 5; i++) backoff.next(0);
    expect(backoff.next(0)).toBe(2000);
    expect(backoff.next(DEFAULT_BACKOFF.patientForMs!)).toBe(2000);
    expect(backoff.next(DEFAULT_BACKOFF.patientForMs!)).toBe(4000);
  });

  it('starts over after a success', () => {
    const backoff = new Backoff();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(250);
  });

  it('keeps a single ceiling when no slow phase is set', () => {
    const backoff = new Backoff({ initialMs: 20, maxMs: 40 });
    expect([1, 2, 3].map(() => backoff.next(1e9))).toEqual([20, 40, 40]);
  });
});
