import { describe, expect, it } from 'vitest';
import { humanDuration, liveStatus, parseHumanDuration, statusSince } from './status-clock';

describe('status clock', () => {
  it('words durations as the docker CLI does', () => {
    expect(humanDuration(0.4)).toBe('Less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(59)).toBe('59 seconds');
    expect(humanDuration(61)).toBe('About a minute');
    expect(humanDuration(59 * 60)).toBe('59 minutes');
    expect(humanDuration(90 * 60)).toBe('2 hours');
    expect(humanDuration(3 * 86_400)).toBe('3 days');
    expect(humanDuration(20 * 86_400)).toBe('2 weeks');
    expect(humanDuration(90 * 86_400)).toBe('3 months');
    expect(humanDuration(800 * 86_400)).toBe('2 years');
  });

  it('reads the wording back', () => {
    expect(parseHumanDuration('Less than a second')).toBe(0);
    expect(parseHumanDuration('About an hour')).toBe(3_600);
    expect(parseHumanDuration('5 minutes')).toBe(300);
    expect(parseHumanDuration('1 second')).toBe(1);
    expect(parseHumanDuration('soon')).toBeUndefined();
  });

  it('moves "Up" and "Exited … ago" forward from when the row was read, keeping the rest', () => {
    const readAt = 1_000_000;
    expect(liveStatus('Up Less than a second', readAt, readAt + 42_000)).toBe('Up 42 seconds');
    expect(liveStatus('Up 3 seconds (health: starting)', readAt, readAt + 60_000)).toBe(
      'Up About a minute (health: starting)',
    );
    expect(liveStatus('Exited (137) 5 minutes ago', readAt, readAt + 10 * 60_000)).toBe(
      'Exited (137) 15 minutes ago',
    );
    expect(liveStatus('Created', readAt, readAt + 60_000)).toBe('Created');
    expect(liveStatus('Up 2 seconds (Paused)', readAt, readAt)).toBe('Up 2 seconds (Paused)');
  });

  it('knows when a status began, for sorting', () => {
    expect(statusSince('Up 5 minutes', 1_000_000)).toBe(1_000_000 - 300_000);
    expect(statusSince('Created', 1_000_000)).toBeUndefined();
  });
});
