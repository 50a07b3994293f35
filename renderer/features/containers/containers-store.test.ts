import { beforeEach, describe, expect, it } from 'vitest';
import type { Out } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { manualFrames, settle } from '../../test/frames';
import { ContainersStore } from './containers-store';

function names(store: ContainersStore): string[] {
  return store
    .getSnapshot()
    .items.map((i) => i.row.name)
    .sort();
}

describe('ContainersStore', () => {
  let core: FakeCore;
  let frames: ReturnType<typeof manualFrames>;
  let store: ContainersStore;

  beforeEach(async () => {
    core = new FakeCore();
    core.connections = [makeConnection({ id: 'local' }), makeConnection({ id: 'remote' })];
    core.rows = [
      makeRow({ name: 'web', connectionId: 'local' }),
      makeRow({ name: 'db', connectionId: 'local' }),
      makeRow({ name: 'cache', connectionId: 'remote' }),
    ];
    frames = manualFrames();
    store = new ContainersStore({ schedule: frames.schedule, now: () => 1_000 });
    store.attach(core.client());
    await settle();
  });

  it('reads every container once on attach, keyed by connection and id', () => {
    const snapshot = store.getSnapshot();
    expect(snapshot.loaded).toBe(true);
    expect(names(store)).toEqual(['cache', 'db', 'web']);
    expect(snapshot.items.map((i) => i.key)).toContain(`local/${core.rows[0]!.id}`);
    expect(core.callsOf('containers.list')).toEqual([{}]);
    expect(core.subscriberCount('containers.changed')).toBe(1);
  });

  it('re-reads only the ids an event names: a returned row replaces, a missing one is removed', async () => {
    const [web, db] = core.rows;
    core.rows = [{ ...web!, state: 'exited', status: 'Exited (0) Less than a second ago' }, core.rows[2]!];
    core.emit('containers.changed', { connectionId: 'local', ids: [web!.id, db!.id], full: false });
    frames.flush();
    await settle();
    expect(core.callsOf('containers.list').at(-1)).toEqual({
      connectionIds: ['local'],
      ids: [web!.id, db!.id],
    });
    expect(names(store)).toEqual(['cache', 'web']);
    expect(store.getSnapshot().items.find((i) => i.row.name === 'web')?.row.state).toBe('exited');
  });

  it('removes a container an event names by its short id', async () => {
    const db = core.rows[1]!;
    core.rows = core.rows.filter((r) => r !== db);
    core.emit('containers.changed', { connectionId: 'local', ids: [db.id.slice(0, 12)], full: false });
    frames.flush();
    await settle();
    expect(names(store)).toEqual(['cache', 'web']);
  });

  it('turns a burst of events into one read per connection per frame', async () => {
    const added = Array.from({ length: 50 }, (_, i) =>
      makeRow({ name: `burst-${i}`, connectionId: 'local' }),
    );
    core.rows = [...core.rows, ...added];
    for (const row of added)
      core.emit('containers.changed', { connectionId: 'local', ids: [row.id], full: false });
    core.emit('containers.changed', { connectionId: 'remote', ids: [core.rows[2]!.id], full: false });
    expect(frames.pending()).toBe(1);
    frames.flush();
    await settle();
    const reads = core.callsOf('containers.list').slice(1);
    expect(reads).toHaveLength(2);
    expect(reads[0]?.ids).toHaveLength(50);
    expect(store.getSnapshot().items).toHaveLength(53);
  });

  it('re-reads a whole connection on full, and leaves the other engines alone', async () => {
    core.rows = [makeRow({ name: 'fresh', connectionId: 'local' }), core.rows[2]!];
    core.emit('containers.changed', { connectionId: 'local', ids: ['ignored-when-full'], full: true });
    frames.flush();
    await settle();
    expect(core.callsOf('containers.list').at(-1)).toEqual({ connectionIds: ['local'] });
    expect(names(store)).toEqual(['cache', 'fresh']);
  });

  it('reads everything when an event names something that is not a container id', async () => {
    core.emit('containers.changed', { connectionId: 'local', ids: ['not-an-id'], full: false });
    frames.flush();
    await settle();
    expect(core.callsOf('containers.list').at(-1)).toEqual({ connectionIds: ['local'] });
  });

  it('never runs two reads of one connection at once; what arrived meanwhile runs next, in order', async () => {
    const answers: Array<(value: Out<'containers.list'>) => void> = [];
    core.handle('containers.list', () => new Promise((resolve) => answers.push(resolve)));
    const web = core.rows[0]!;
    core.emit('containers.changed', { connectionId: 'local', ids: [web.id], full: false });
    frames.flush();
    await settle();
    core.emit('containers.changed', { connectionId: 'local', ids: [web.id], full: false });
    frames.flush();
    await settle();
    expect(answers).toHaveLength(1);
    answers[0]!({ rows: [{ ...web, status: 'older' }], failures: [] });
    await settle();
    frames.flush();
    await settle();
    expect(answers).toHaveLength(2);
    answers[1]!({ rows: [{ ...web, status: 'newer' }], failures: [] });
    await settle();
    expect(store.getSnapshot().items.find((i) => i.row.id === web.id)?.row.status).toBe('newer');
  });

  it('holds events that arrive during the first read and re-reads them after it', async () => {
    const other = new FakeCore();
    other.rows = core.rows;
    const fresh = new ContainersStore({ schedule: frames.schedule });
    let answer: ((value: Out<'containers.list'>) => void) | undefined;
    other.handle('containers.list', (input) =>
      input.ids ? { rows: [other.rows[0]!], failures: [] } : new Promise((resolve) => (answer = resolve)),
    );
    fresh.attach(other.client());
    other.emit('containers.changed', { connectionId: 'local', ids: [other.rows[0]!.id], full: false });
    frames.flush();
    await settle();
    expect(other.callsOf('containers.list').filter((c) => c.ids)).toHaveLength(0);
    answer!({ rows: other.rows, failures: [] });
    await settle();
    frames.flush();
    await settle();
    expect(other.callsOf('containers.list').filter((c) => c.ids)).toHaveLength(1);
  });

  it('reports engines whose containers could not be read, and clears them once a read succeeds', async () => {
    core.failing.set('remote', { code: 'UNAVAILABLE', message: 'remote is gone' });
    store.reload();
    await settle();
    expect(store.getSnapshot().failures).toEqual([
      { connectionId: 'remote', code: 'UNAVAILABLE', message: 'remote is gone' },
    ]);
    expect(names(store)).toEqual(['db', 'web']);
    core.failing.clear();
    store.refresh('remote');
    frames.flush();
    await settle();
    expect(store.getSnapshot().failures).toEqual([]);
    expect(names(store)).toEqual(['cache', 'db', 'web']);
  });

  it('follows connections: reads one that connects, drops the rows of one that goes away', async () => {
    store.syncConnections(core.connections);
    expect(frames.pending()).toBe(0);
    const lateRow = makeRow({ name: 'late', connectionId: 'late' });
    core.rows.push(lateRow);
    store.syncConnections([...core.connections, makeConnection({ id: 'late' })]);
    frames.flush();
    await settle();
    expect(core.callsOf('containers.list').at(-1)).toEqual({ connectionIds: ['late'] });
    expect(names(store)).toContain('late');

    const remoteDown = makeConnection({
      id: 'remote',
      status: { state: 'unavailable', since: 1, retryable: true, reason: 'down' },
    });
    store.syncConnections([core.connections[0]!, remoteDown, makeConnection({ id: 'late' })]);
    expect(names(store)).toEqual(['db', 'late', 'web']);
    store.syncConnections([core.connections[0]!]);
    expect(names(store)).toEqual(['db', 'web']);
  });

  it('after a new client, ignores answers meant for the old one and re-reads everything', async () => {
    let late: ((value: Out<'containers.list'>) => void) | undefined;
    core.handle('containers.list', () => new Promise((resolve) => (late = resolve)));
    core.emit('containers.changed', { connectionId: 'local', ids: [], full: true });
    frames.flush();
    await settle();
    const next = new FakeCore();
    next.rows = [makeRow({ name: 'after-reconnect', connectionId: 'local' })];
    store.attach(next.client());
    await settle();
    late!({ rows: [makeRow({ name: 'stale', connectionId: 'local' })], failures: [] });
    await settle();
    expect(names(store)).toEqual(['after-reconnect']);
    expect(core.subscriberCount('containers.changed')).toBe(0);
    expect(next.subscriberCount('containers.changed')).toBe(1);
  });
});
