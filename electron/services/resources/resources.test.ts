import { describe, expect, it, vi } from 'vitest';
import { apiAtLeast } from './api-version';
import { kindsOfEvent } from './event-kinds';
import { matchesLabel } from './label-filter';
import { ResourceHints } from './resource-hints';

describe('matchesLabel', () => {
  it('follows the engine: key needs the label, key=value needs the value', () => {
    expect(matchesLabel({ a: '1' }, undefined)).toBe(true);
    expect(matchesLabel({ a: '' }, 'a')).toBe(true);
    expect(matchesLabel({ a: '1' }, 'a=1')).toBe(true);
    expect(matchesLabel({ a: '1' }, 'a=2')).toBe(false);
    expect(matchesLabel({ a: 'x=y' }, 'a=x=y')).toBe(true);
    expect(matchesLabel({}, 'constructor')).toBe(false);
  });
});

describe('apiAtLeast', () => {
  it('compares versions as numbers', () => {
    expect(apiAtLeast('1.42', '1.42')).toBe(true);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('', '1.42')).toBe(false);
  });
});

describe('kindsOfEvent', () => {
  it('maps engine events to the lists they change, skipping noise', () => {
    expect(kindsOfEvent({ type: 'image', action: 'delete', id: 'x' })).toEqual(['image']);
    expect(kindsOfEvent({ type: 'volume', action: 'mount', id: 'x' })).toEqual([]);
    expect(kindsOfEvent({ type: 'network', action: 'disconnect', id: 'x' })).toEqual(['network']);
    expect(kindsOfEvent({ type: 'container', action: 'destroy', id: 'x' })).toEqual([
      'image',
      'volume',
      'network',
    ]);
    expect(kindsOfEvent({ type: 'container', action: 'start', id: 'x' })).toEqual(['network']);
    expect(kindsOfEvent({ type: 'container', action: 'exec_start', id: 'x' })).toEqual([]);
  });
});

describe('ResourceHints', () => {
  it('publishes each connection and kind once per window', () => {
    vi.useFakeTimers();
    try {
      const published: string[] = [];
      const hints = new ResourceHints((id, kind) => published.push(`${id} ${kind}`), 20);
      for (let i = 0; i < 100; i++) hints.note('lab', ['image']);
      hints.note('lab', ['volume']);
      hints.note('far', ['image']);
      expect(published).toEqual([]);
      vi.advanceTimersByTime(20);
      expect(published).toEqual(['lab image', 'lab volume', 'far image']);
      hints.note('lab', ['image']);
      hints.dispose();
      vi.advanceTimersByTime(50);
      expect(published).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
