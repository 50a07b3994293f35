import { describe, expect, it } from 'vitest';
import { compareLogTime, rfc3339ToLogTime } from './log-time';

describe('rfc3339ToLogTime', () => {
  it('converts on the text, keeping every nanosecond', () => {
    expect(rfc3339ToLogTime('2024-11-24T21:16:45.089283780Z')).toBe('1732483005.089283780');
    expect(rfc3339ToLogTime('2024-11-24T21:16:45.999999999Z')).toBe('1732483005.999999999');
    // The cached second, then another second.
    expect(rfc3339ToLogTime('2024-11-24T21:16:45.000000001Z')).toBe('1732483005.000000001');
    expect(rfc3339ToLogTime('2024-11-24T21:16:46.5Z')).toBe('1732483006.500000000');
    expect(rfc3339ToLogTime('2024-11-24T21:16:46Z')).toBe('1732483006.000000000');
  });

  it('applies a zone offset', () => {
    expect(rfc3339ToLogTime('2024-11-24T22:16:45.1+01:00')).toBe('1732483005.100000000');
    expect(rfc3339ToLogTime('2024-11-24T20:46:45.1-00:30')).toBe('1732483005.100000000');
  });

  it('clamps times before 1970 and refuses what is not a timestamp', () => {
    expect(rfc3339ToLogTime('0001-01-01T00:00:00Z')).toBe('0.000000000');
    expect(rfc3339ToLogTime('hello')).toBeUndefined();
    expect(rfc3339ToLogTime('2024-11-24T21:16:45.08928378Zjunk')).toBeUndefined();
    expect(rfc3339ToLogTime('2024-11-24T21:16:45.x Z')).toBeUndefined();
  });
});

describe('compareLogTime', () => {
  it('orders without float rounding, whatever the decimals and leading zeros', () => {
    expect(compareLogTime('1732483005.000000001', '1732483005.000000002')).toBeLessThan(0);
    expect(compareLogTime('1732483005.5', '1732483005.500000000')).toBe(0);
    expect(compareLogTime('999999999.9', '1000000000')).toBeLessThan(0);
    expect(compareLogTime('01732483005', '1732483005.0')).toBe(0);
    expect(compareLogTime('1732483006', '1732483005.999999999')).toBeGreaterThan(0);
  });
});
