import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../electron/shared/contract';
import { nextSort, sortEntries } from './entry-sort';
import { crumbs, join, normalize, parent } from './paths';

const e = (name: string, type: FileEntry['type'], size: number | null, mtime: number | null): FileEntry => ({
  name,
  type,
  size,
  mode: '',
  mtime,
  uid: 0,
  gid: 0,
});

const ENTRIES = [
  e('file10.log', 'file', 10, 3),
  e('zeta', 'dir', null, 1),
  e('file2.log', 'file', 300, 2),
  e('Alpha', 'dir', null, 9),
  e('link', 'symlink', null, 5),
];

describe('sortEntries', () => {
  it('puts folders first, then names in natural order (file2 before file10), case aside', () => {
    expect(sortEntries(ENTRIES, { column: 'name', direction: 'asc' }).map((x) => x.name)).toEqual([
      'Alpha',
      'zeta',
      'file2.log',
      'file10.log',
      'link',
    ]);
    expect(sortEntries(ENTRIES, { column: 'name', direction: 'desc' }).map((x) => x.name)).toEqual([
      'zeta',
      'Alpha',
      'link',
      'file10.log',
      'file2.log',
    ]);
  });

  it('sorts by size and time with folders still first, unknown values last when largest first', () => {
    expect(sortEntries(ENTRIES, { column: 'size', direction: 'desc' }).map((x) => x.name)).toEqual([
      'Alpha',
      'zeta',
      'file2.log',
      'file10.log',
      'link',
    ]);
    expect(sortEntries(ENTRIES, { column: 'mtime', direction: 'desc' }).map((x) => x.name)).toEqual([
      'Alpha',
      'zeta',
      'link',
      'file10.log',
      'file2.log',
    ]);
  });

  it('flips the direction on a second click; sizes and times start largest and newest', () => {
    expect(nextSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({
      column: 'name',
      direction: 'desc',
    });
    expect(nextSort({ column: 'name', direction: 'asc' }, 'size')).toEqual({
      column: 'size',
      direction: 'desc',
    });
    expect(nextSort({ column: 'size', direction: 'desc' }, 'name')).toEqual({
      column: 'name',
      direction: 'asc',
    });
  });
});

describe('container paths', () => {
  it('normalizes what is typed into the path bar', () => {
    expect(normalize('/etc//nginx/../ssl/./')).toBe('/etc/ssl');
    expect(normalize('etc')).toBe('/etc');
    expect(normalize('/../..')).toBe('/');
  });

  it('joins, goes up and makes crumbs', () => {
    expect(join('/', 'etc')).toBe('/etc');
    expect(join('/etc', 'hosts')).toBe('/etc/hosts');
    expect(parent('/etc/hosts')).toBe('/etc');
    expect(parent('/etc')).toBe('/');
    expect(parent('/')).toBe('/');
    expect(crumbs('/etc/nginx')).toEqual([
      { name: '/', path: '/' },
      { name: 'etc', path: '/etc' },
      { name: 'nginx', path: '/etc/nginx' },
    ]);
  });
});
