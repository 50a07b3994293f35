import { describe, expect, it } from 'vitest';
import { makeRow } from '../../test/fixtures';
import type { ContainerItem } from './containers-store';
import { filterItems, parseQuery } from './filter';
import { nextSort, sortItems } from './sort';

const item = (row: ReturnType<typeof makeRow>, readAt = 0): ContainerItem => ({
  key: `${row.connectionId}/${row.id}`,
  row,
  readAt,
});

const items = [
  item(makeRow({ name: 'web-2', connectionId: 'a', image: 'nginx:1.27', composeProject: 'shop' })),
  item(
    makeRow({
      name: 'web-10',
      connectionId: 'b',
      image: 'nginx:1.27',
      ports: [{ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }],
    }),
  ),
  item(
    makeRow({
      name: 'db',
      connectionId: 'a',
      image: 'postgres:16',
      state: 'exited',
      status: 'Exited (0) 1 hour ago',
    }),
  ),
  item(makeRow({ name: 'Cache', connectionId: 'b', image: 'redis', state: 'paused', health: 'unhealthy' })),
];
const names = new Map([
  ['a', 'laptop'],
  ['b', 'build server'],
]);
const shown = (query: string): string[] => filterItems(items, query, names).map((i) => i.row.name);

describe('filter', () => {
  it('splits a query into lower-case terms', () => {
    expect(parseQuery('  Web  NGINX ')).toEqual(['web', 'nginx']);
  });

  it('matches name, image, state, health, status, project, engine name and ports, ignoring case', () => {
    expect(shown('WEB')).toEqual(['web-2', 'web-10']);
    expect(shown('postgres')).toEqual(['db']);
    expect(shown('exited')).toEqual(['db']);
    expect(shown('unhealthy')).toEqual(['Cache']);
    expect(shown('1 hour ago')).toEqual(['db']);
    expect(shown('shop')).toEqual(['web-2']);
    expect(shown('build server')).toEqual(['web-10', 'Cache']);
    expect(shown('8080')).toEqual(['web-10']);
    expect(shown('8080->80')).toEqual(['web-10']);
  });

  it('matches ids by prefix only', () => {
    const id = items[2]!.row.id;
    expect(shown(id.slice(0, 6))).toEqual(['db']);
    expect(shown(id.slice(20, 30))).toEqual([]);
  });

  it('needs every term to match, and returns the same list for an empty query', () => {
    expect(shown('nginx laptop')).toEqual(['web-2']);
    expect(filterItems(items, '   ', names)).toBe(items);
  });
});

describe('sort', () => {
  const order = (column: Parameters<typeof sortItems>[1]['column'], direction: 'asc' | 'desc' = 'asc') =>
    sortItems(items, { column, direction }, names).map((i) => i.row.name);

  it('sorts names naturally and without regard to case', () => {
    expect(order('name')).toEqual(['Cache', 'db', 'web-2', 'web-10']);
    expect(order('name', 'desc')).toEqual(['web-10', 'web-2', 'db', 'Cache']);
  });

  it('sorts states most alive first, engines by name, and keeps missing values last both ways', () => {
    expect(order('state')).toEqual(['web-2', 'web-10', 'Cache', 'db']);
    expect(order('connection')).toEqual(['Cache', 'web-10', 'db', 'web-2']);
    expect(order('project')[0]).toBe('web-2');
    expect(order('project', 'desc')[0]).toBe('web-2');
    expect(order('ports', 'desc')[0]).toBe('web-10');
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({
      column: 'name',
      direction: 'desc',
    });
    expect(nextSort({ column: 'name', direction: 'desc' }, 'image')).toEqual({
      column: 'image',
      direction: 'asc',
    });
  });
});
