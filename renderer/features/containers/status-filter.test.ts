import { describe, expect, it } from 'vitest';
import { makeRow } from '../../test/fixtures';
import type { ContainerItem } from './containers-store';
import { filterItems } from './filter';
import { countByStatus, filterByStatus } from './status-filter';

const item = (row: ReturnType<typeof makeRow>): ContainerItem => ({
  key: `${row.connectionId}/${row.id}`,
  row,
  readAt: 0,
});

const items = [
  item(makeRow({ name: 'api', connectionId: 'a', health: 'healthy', composeProject: 'shop' })),
  item(makeRow({ name: 'healthy-looking', connectionId: 'a', health: 'unhealthy' })),
  item(makeRow({ name: 'boot', connectionId: 'a', health: 'starting', state: 'restarting' })),
  item(makeRow({ name: 'frozen', connectionId: 'a', state: 'paused' })),
  item(makeRow({ name: 'done', connectionId: 'a', state: 'exited' })),
  item(makeRow({ name: 'new', connectionId: 'a', state: 'created' })),
];
const names = (list: readonly ContainerItem[]): string[] => list.map((i) => i.row.name);

describe('state and health filters', () => {
  it('chips: running is up (paused and restarting too), stopped the rest, health by verdict', () => {
    expect(names(filterByStatus(items, 'running'))).toEqual(['api', 'healthy-looking', 'boot', 'frozen']);
    expect(names(filterByStatus(items, 'stopped'))).toEqual(['done', 'new']);
    expect(names(filterByStatus(items, 'unhealthy'))).toEqual(['healthy-looking']);
    expect(names(filterByStatus(items, 'healthy'))).toEqual(['api']);
    expect(names(filterByStatus(items, 'starting'))).toEqual(['boot']);
    expect(filterByStatus(items, 'all')).toBe(items);
    expect(countByStatus(items)).toEqual({
      all: 6,
      running: 4,
      stopped: 2,
      unhealthy: 1,
      healthy: 1,
      starting: 1,
    });
  });

  it('health:, state: and project: terms match that field only, and combine with words', () => {
    const map = new Map([['a', 'laptop']]);
    expect(names(filterItems(items, 'healthy', map))).toEqual(['api', 'healthy-looking']);
    expect(names(filterItems(items, 'health:healthy', map))).toEqual(['api']);
    expect(names(filterItems(items, 'health:unh', map))).toEqual(['healthy-looking']);
    expect(names(filterItems(items, 'health:none', map))).toEqual(['frozen', 'done', 'new']);
    expect(names(filterItems(items, 'state:exited', map))).toEqual(['done']);
    expect(names(filterItems(items, 'project:shop api', map))).toEqual(['api']);
    // An unknown field is a plain word.
    expect(names(filterItems(items, 'port:80', map))).toEqual([]);
  });
});
