import { describe, expect, it } from 'vitest';
import { compareLogTime, fileStamp, formatLogTime, logTimeToMs, parseTimeInput } from './log-time';

const NOW = new Date(2025, 0, 31, 14, 0, 0).getTime();

describe('log times', () => {
  it('reads engine times to the millisecond', () => {
    expect(logTimeToMs('1700000000.123456789')).toBe(1_700_000_000_123);
    expect(logTimeToMs('1700000000.5')).toBe(1_700_000_000_500);
    expect(logTimeToMs('1700000000')).toBe(1_700_000_000_000);
  });

  it('formats a line time in local time with milliseconds', () => {
    const ms = new Date(2025, 0, 2, 3, 4, 5, 67).getTime();
    expect(formatLogTime(`${Math.floor(ms / 1000)}.067891234`)).toBe('2025-01-02 03:04:05.067');
  });

  it('stamps file names', () => {
    expect(fileStamp(new Date(2025, 11, 9, 8, 7, 6))).toBe('20251209-080706');
  });
});

describe('parseTimeInput', () => {
  it('is no bound when empty', () => {
    expect(parseTimeInput('  ', NOW)).toEqual({ ok: true, time: undefined });
  });

  it('reads relative ages', () => {
    expect(parseTimeInput('10m', NOW)).toEqual({ ok: true, time: ((NOW - 600_000) / 1000).toFixed(3) });
    expect(parseTimeInput('1h', NOW)).toEqual({ ok: true, time: ((NOW - 3_600_000) / 1000).toFixed(3) });
    expect(parseTimeInput('2 d', NOW)).toEqual({ ok: true, time: ((NOW - 172_800_000) / 1000).toFixed(3) });
    expect(parseTimeInput('30S', NOW)).toEqual({ ok: true, time: ((NOW - 30_000) / 1000).toFixed(3) });
  });

  it('reads local dates and times', () => {
    const at = (...parts: number[]) => (new Date(...(parts as [number, number])).getTime() / 1000).toFixed(3);
    expect(parseTimeInput('2025-01-31 13:05', NOW)).toEqual({ ok: true, time: at(2025, 0, 31, 13, 5) });
    expect(parseTimeInput('2025-01-31T13:05:07.25', NOW)).toEqual({
      ok: true,
      time: at(2025, 0, 31, 13, 5, 7, 250),
    });
    expect(parseTimeInput('2025-01-31', NOW)).toEqual({ ok: true, time: at(2025, 0, 31) });
  });

  it('says what it accepts otherwise', () => {
    const wrong = parseTimeInput('yesterday', NOW);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toContain('10m');
    expect(parseTimeInput('2025-02-31', NOW)).toEqual({ ok: false, message: '2025-02-31 is not a date.' });
  });

  it('gives times the contract accepts', () => {
    const result = parseTimeInput('5m', NOW);
    expect(result.ok && /^[0-9]{1,11}(\.[0-9]{1,9})?$/.test(result.time ?? '')).toBe(true);
  });
});

describe('compareLogTime', () => {
  it('orders times to the nanosecond', () => {
    expect(compareLogTime('10.000000001', '10.000000002')).toBeLessThan(0);
    expect(compareLogTime('10.5', '10.500000000')).toBe(0);
    expect(compareLogTime('11', '10.999999999')).toBeGreaterThan(0);
    expect(compareLogTime('9.9', '10')).toBeLessThan(0);
  });
});
