import { describe, expect, it } from 'vitest';
import { makeRow } from '../../test/fixtures';
import type { ContainerItem } from './containers-store';
import { groupRows, type GroupEntry } from './group-rows';

const item = (row: ReturnType<typeof makeRow>): ContainerItem => ({
  key: `${row.connectionId}/${row.id}`,
  row,
  readAt: 0,
});

const web = item(makeRow({ name: 'web', connectionId: 'a', composeProject: 'shop' }));
const db = item(makeRow({ name: 'db', connectionId: 'a', composeProject: 'shop', state: 'exited' }));
const remoteWeb = item(makeRow({ name: 'web', connectionId: 'b', composeProject: 'shop' }));
const blog = item(makeRow({ name: 'blog', connectionId: 'b', composeProject: 'Blog', state: 'paused' }));
const loose = item(makeRow({ name: 'scratch', connectionId: 'a' }));
const all = [web, db, remoteWeb, blog, loose];
const names = new Map([
  ['a', 'laptop'],
  ['b', 'build server'],
]);

const shape = (entries: ReturnType<typeof groupRows>): string[] =>
  entries.map((e) =>
    e.kind === 'group' ? `[${e.project ?? '-'}@${e.connectionId ?? '-'}]` : e.item.row.name,
  );

describe('groupRows', () => {
  it('puts each project of each engine under its header, projects by name, no project last', () => {
    expect(shape(groupRows([loose, web, blog, remoteWeb, db], all, names, new Set()))).toEqual([
      '[Blog@b]',
      'blog',
      '[shop@b]',
      'web',
      '[shop@a]',
      'web',
      'db',
      '[-@-]',
      'scratch',
    ]);
  });

  it('counts and acts on the whole project, filtered or not; selects only the shown rows', () => {
    const entries = groupRows([web], all, names, new Set());
    const group = entries[0] as GroupEntry;
    expect(group.members.map((m) => m.row.name)).toEqual(['web', 'db']);
    expect(group.running).toBe(1);
    expect(group.shownKeys).toEqual([web.key]);
    // Paused counts as up.
    expect((groupRows([blog], all, names, new Set())[0] as GroupEntry).running).toBe(1);
  });

  it('hides the rows of a collapsed group and keeps its header', () => {
    const entries = groupRows([web, db, loose], all, names, new Set(['group:a/shop']));
    expect(shape(entries)).toEqual(['[shop@a]', '[-@-]', 'scratch']);
    expect((entries[0] as GroupEntry).collapsed).toBe(true);
  });
});
