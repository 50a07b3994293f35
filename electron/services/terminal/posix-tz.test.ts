import { describe, expect, it } from 'vitest';
import { isIanaZone, posixTimeZone } from './posix-tz';

const WINTER = new Date('2026-01-15T12:00:00Z');
const SUMMER = new Date('2026-07-15T12:00:00Z');

describe('posixTimeZone', () => {
  it('counts hours west of UTC, with minutes for half- and quarter-hour zones', () => {
    expect(posixTimeZone('Asia/Kolkata', WINTER)).toBe('IST-5:30');
    expect(posixTimeZone('America/New_York', WINTER)).toBe('EST5');
    expect(posixTimeZone('America/St_Johns', WINTER)).toBe('NST3:30');
    expect(posixTimeZone('Asia/Kathmandu', WINTER)).toBe('<+0545>-5:45');
    expect(posixTimeZone('UTC', WINTER)).toBe('UTC0');
  });

  it('uses the numeric <+08> name where no English abbreviation exists', () => {
    expect(posixTimeZone('Asia/Shanghai', WINTER)).toBe('<+08>-8');
    expect(posixTimeZone('Etc/GMT+8', WINTER)).toBe('<-08>8');
  });

  it('takes the offset in force at the given moment', () => {
    expect(posixTimeZone('Europe/Berlin', WINTER)).toBe('CET-1');
    expect(posixTimeZone('Europe/Berlin', SUMMER)).toBe('CEST-2');
  });

  it('knows no unknown or path-like zone', () => {
    expect(posixTimeZone('Mars/Olympus', WINTER)).toBeUndefined();
    expect(isIanaZone('../../etc/passwd')).toBe(false);
    expect(isIanaZone('CST-8')).toBe(false);
    expect(isIanaZone('Asia/Shanghai')).toBe(true);
  });
});
