import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { manualFrames, settle } from '../../test/frames';
import { ConnectionsStore } from './connections-store';

describe('ConnectionsStore', () => {
  let core: FakeCore;
  let frames: ReturnType<typeof manualFrames>;
  let store: ConnectionsStore;

  beforeEach(async () => {
    core = new FakeCore();
    core.connections = [makeConnection({ id: 'local' })];
    frames = manualFrames();
    store = new ConnectionsStore(frames.schedule);
    store.attach(core.client());
    await settle();
  });

  it('reads the list on attach and once per burst of connections.changed', async () => {
    expect(store.getSnapshot()).toMatchObject({ loaded: true, error: undefined });
    core.connections = [...core.connections, makeConnection({ id: 'second' })];
    for (let i = 0; i < 10; i++) core.emit('connections.changed', { ids: ['second'] });
    frames.flush();
    await settle();
    expect(core.callsOf('connections.list')).toHaveLength(2);
    expect(store.getSnapshot().connections.map((c) => c.id)).toEqual(['local', 'second']);
  });

  it('puts what retry and add return into the list at once', async () => {
    const connected: Connection = makeConnection({ id: 'local', name: 'renamed' });
    core.handle('connections.retry', () => connected);
    await store.retry('local');
    expect(store.getSnapshot().connections[0]?.name).toBe('renamed');
    await store.add({ name: 'Build box', endpoint: 'tcp://build:2376' });
    expect(store.getSnapshot().connections.map((c) => c.id)).toEqual(['local', 'build-box']);
  });

  it('drops a removed connection from the list at once, and keeps it when the core refuses', async () => {
    core.connections = [...core.connections, makeConnection({ id: 'build' })];
    core.emit('connections.changed', { ids: ['build'] });
    frames.flush();
    await settle();
    await store.remove('build');
    expect(core.callsOf('connections.remove')).toEqual([{ id: 'build' }]);
    expect(store.getSnapshot().connections.map((c) => c.id)).toEqual(['local']);

    core.handle('connections.remove', () => {
      throw new AppError('CONFLICT', 'discovered');
    });
    await expect(store.remove('local')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.getSnapshot().connections.map((c) => c.id)).toEqual(['local']);
  });

  it('keeps the last list and says why when a read fails', async () => {
    core.handle('connections.list', () => {
      throw new Error('no');
    });
    core.emit('connections.changed', { ids: [] });
    frames.flush();
    await settle();
    expect(store.getSnapshot().connections).toHaveLength(1);
    expect(store.getSnapshot().error?.code).toBe('INTERNAL');
  });

  it('refuses to act without a client, saying why', async () => {
    store.detach();
    await expect(store.retry('local')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
