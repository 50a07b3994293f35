import { describe, expect, it } from 'vitest';
import { parseLogTimeArg, parseTail } from './logs-args';

const NOW = Date.UTC(2024, 10, 24, 21, 16, 45, 250);

describe('parseLogTimeArg', () => {
  it('takes unix seconds as they are', () => {
    expect(parseLogTimeArg('1732480000')).toBe('1732480000');
    expect(parseLogTimeArg('1732480000.123456789')).toBe('1732480000.123456789');
  });

  it('takes RFC3339 dates and date-times, with nanoseconds and zones', () => {
    expect(parseLogTimeArg('2024-11-24T21:16:45.089283780Z')).toBe('1732483005.089283780');
    expect(parseLogTimeArg('2024-11-24T22:16:45+01:00')).toBe('1732483005.000000000');
    expect(parseLogTimeArg('2024-11-24Z')).toBe('1732406400.000000000');
    expect(parseLogTimeArg('2024-11-24T21:16Z')).toBe('1732482960.000000000');
  });

  it('reads a date-time without a zone as local time', () => {
    const local = new Date(2024, 10, 24, 21, 16, 45).getTime() / 1000;
    expect(parseLogTimeArg('2024-11-24T21:16:45')).toBe(`${local}.000000000`);
  });

  it('takes Go durations before now, exactly', () => {
    expect(parseLogTimeArg('10m', NOW)).toBe('1732482405.250000000');
    expect(parseLogTimeArg('1h30m', NOW)).toBe('1732477605.250000000');
    expect(parseLogTimeArg('1.5h', NOW)).toBe('1732477605.250000000');
    expect(parseLogTimeArg('90s', NOW)).toBe('1732482915.250000000');
    expect(parseLogTimeArg('1ms', NOW)).toBe('1732483005.249000000');
  });

  it('refuses anything else with the forms it takes', () => {
    for (const bad of ['yesterday', '2d', '-5m', '2024-13-01T00:00:00Z', '2024-11-24T25:00Z', '']) {
      expect(() => parseLogTimeArg(bad, NOW)).toThrow(/unix seconds|before 1970|not a date/);
    }
  });
});

describe('parseTail', () => {
  it('takes a count or all', () => {
    expect(parseTail('all')).toBeUndefined();
    expect(parseTail('0')).toBe(0);
    expect(parseTail('25')).toBe(25);
    expect(() => parseTail('-1')).toThrow(/--tail/);
    expect(() => parseTail('ten')).toThrow(/--tail/);
  });
});
