import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { ResourceListStore } from './resource-list-store';

function image(connectionId: string, id: string, repoTags: string[] = []): ImageRow {
  return {
    connectionId,
    id,
    repoTags,
    repoDigests: [],
    dangling: repoTags.length === 0,
    size: 10,
    created: 0,
    labels: {},
    containers: [],
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const core = new FakeCore();
  let rows = [image('a', 'sha256:1', ['x:1']), image('b', 'sha256:2')];
  core.handle('images.list', ({ connectionIds }) => ({
    rows: rows.filter((r) => !connectionIds || connectionIds.includes(r.connectionId)),
    failures: [],
  }));
  const frames: (() => void)[] = [];
  const store = new ResourceListStore('images.list', 'image', (run) => frames.push(run));
  store.attach(core.client());
  return {
    core,
    store,
    setRows: (next: ImageRow[]) => (rows = next),
    runFrames: () => frames.splice(0).forEach((run) => run()),
  };
}

describe('ResourceListStore', () => {
  it('reads nothing until a view shows it, then reads all and follows hints for its kind only', async () => {
    const { core, store, setRows, runFrames } = setup();
    await flush();
    expect(core.callsOf('images.list')).toEqual([]);
    const stop = store.activate();
    await flush();
    expect(store.getSnapshot().rows.map((r) => r.id)).toEqual(['sha256:1', 'sha256:2']);
    expect(core.subscriptionsOf('resources.changed')).toEqual([{ kinds: ['image'] }]);

    setRows([image('a', 'sha256:1', ['x:1']), image('a', 'sha256:3'), image('b', 'sha256:2')]);
    core.emit('resources.changed', { connectionId: 'a', kind: 'image' });
    core.emit('resources.changed', { connectionId: 'a', kind: 'volume' });
    core.emit('resources.changed', { connectionId: 'a', kind: 'image' });
    runFrames();
    await flush();
    expect(core.callsOf('images.list').slice(1)).toEqual([{ connectionIds: ['a'] }]);
    expect(
      store
        .getSnapshot()
        .rows.map((r) => r.id)
        .sort(),
    ).toEqual(['sha256:1', 'sha256:2', 'sha256:3']);

    stop();
    expect(core.subscriberCount('resources.changed')).toBe(0);
  });

  it('drops the rows of an engine that went away and re-reads one that came back', async () => {
    const { core, store, runFrames } = setup();
    store.activate();
    await flush();
    const up = [makeConnection({ id: 'a' }), makeConnection({ id: 'b' })];
    store.syncConnections(up);
    const down = makeConnection({
      id: 'b',
      status: { state: 'unavailable', since: 0, retryable: true, reason: 'gone' },
    });
    store.syncConnections([up[0]!, down]);
    expect(store.getSnapshot().rows.map((r) => r.connectionId)).toEqual(['a']);
    store.syncConnections(up);
    runFrames();
    await flush();
    expect(core.callsOf('images.list').at(-1)).toEqual({ connectionIds: ['b'] });
    expect(
      store
        .getSnapshot()
        .rows.map((r) => r.connectionId)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('keeps failures beside the rows and says when the whole read failed', async () => {
    const { core, store } = setup();
    core.handle('images.list', () => ({
      rows: [image('a', 'sha256:1')],
      failures: [{ connectionId: 'b', code: 'UNAVAILABLE', message: 'b is down' }],
    }));
    store.activate();
    await flush();
    expect(store.getSnapshot()).toMatchObject({
      loaded: true,
      failures: [{ connectionId: 'b', message: 'b is down' }],
    });
    core.handle('images.list', () => {
      throw new (class extends Error {})('boom');
    });
    store.reload();
    await flush();
    expect(store.getSnapshot().error?.message).toBe('Reading the images failed.');
    expect(store.getSnapshot().rows).toHaveLength(1);
  });
});
