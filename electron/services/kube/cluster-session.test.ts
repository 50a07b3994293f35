import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { fakePod, FakeKubeServer } from '../testing/fake-kube-cluster';
import { ClusterSession } from './cluster-session';
import type { KubeContextSpec } from './kube-cluster';

const SPEC: KubeContextSpec = {
  id: 'kube-lab',
  name: 'lab',
  context: 'lab',
  server: 'https://lab:6443',
  user: 'me',
  current: true,
  file: '/home/me/.kube/config',
};

const sessions: ClusterSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function start(server: FakeKubeServer, namespaces: string[] | null = null) {
  const changes: { uids: string[]; full: boolean }[] = [];
  const statuses: string[] = [];
  const session = new ClusterSession(SPEC, namespaces, {
    createCluster: async () => server.cluster(),
    onStatus: () => statuses.push(session.state),
    onPods: (_id, change) => changes.push(change),
    log: () => undefined,
    backoff: { initialMs: 10, maxMs: 20 },
    liveness: { intervalMs: 60_000, timeoutMs: 1_000 },
    windowMs: 5,
    pageSize: 2,
  });
  sessions.push(session);
  return { session, changes, statuses };
}

async function until(check: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const names = (session: ClusterSession): string[] =>
  session
    .pods()
    .map((p) => p.name)
    .sort();

describe('ClusterSession', () => {
  it('lists page by page, watches from the list version, and says so with one full hint', async () => {
    const server = new FakeKubeServer();
    for (const n of ['a', 'b', 'c', 'd', 'e']) server.upsert(fakePod('default', n));
    const { session, changes } = start(server);
    await session.connect();
    expect(session.toCluster().status).toMatchObject({
      state: 'connected',
      version: 'v1.31.0-fake',
      retryable: true,
    });
    expect(names(session)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.calls.pages).toBe(3);
    expect(server.calls.watches).toEqual(['105']);
    expect(changes.at(-1)).toEqual({ uids: [], full: true });
  });

  it('serves the first page at once on a first list, and the other pages as they come, as hints', async () => {
    const server = new FakeKubeServer();
    for (const n of ['a', 'b', 'c', 'd', 'e']) server.upsert(fakePod('default', n));
    server.laterPagesMs = 40;
    const { session, changes } = start(server);
    await session.connect();
    expect(session.state).toBe('connected');
    expect(names(session)).toEqual(['a', 'b']);
    expect(changes).toEqual([{ uids: [], full: true }]);
    expect(server.calls.watches).toEqual([]);
    const hinted = (): string[] => [...new Set(changes.slice(1).flatMap((c) => c.uids))].sort();
    await until(() => server.calls.watches.length === 1 && hinted().length === 3, 'the other pages');
    expect(names(session)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.calls.watches).toEqual(['105']);
    const uidOf = (name: string): string => session.pods().find((p) => p.name === name)!.uid;
    expect(hinted()).toEqual(['c', 'd', 'e'].map(uidOf).sort());
  });

  it('keeps the rows it has until a re-list is complete (no half list on screen)', async () => {
    const server = new FakeKubeServer();
    for (const n of ['a', 'b', 'c', 'd', 'e']) server.upsert(fakePod('default', n));
    const { session } = start(server);
    await session.connect();
    // The session falls behind (a change it never saw), the history is compacted, the watch drops: 410.
    server.upsert(fakePod('default', 'f'), true);
    server.compact();
    server.laterPagesMs = 40;
    server.dropWatches();
    await until(() => server.calls.lists === 2, 'the re-list');
    // Mid re-list (its later pages are slow): every row is still there, the new one not yet.
    expect(names(session)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await until(() => names(session).length === 6, 'the re-list to finish');
  });

  it('turns watch events into coalesced hints with the changed uids', async () => {
    const server = new FakeKubeServer();
    const { session, changes } = start(server);
    await session.connect();
    changes.length = 0;
    server.upsert(fakePod('default', 'web'));
    server.upsert(
      fakePod('default', 'web', {
        status: {
          phase: 'Running',
          containerStatuses: [
            { name: 'main', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      }),
    );
    server.upsert(fakePod('kube-system', 'dns'));
    await until(() => changes.length > 0, 'a hint');
    expect(changes).toEqual([{ uids: ['uid-default-web', 'uid-kube-system-dns'], full: false }]);
    expect(session.pods({ uids: ['uid-default-web'] })[0]).toMatchObject({
      status: 'CrashLoopBackOff',
      restarts: 3,
      ready: '0/1',
    });
    server.remove('uid-default-web');
    await until(() => changes.length > 1, 'the delete hint');
    expect(changes[1]).toEqual({ uids: ['uid-default-web'], full: false });
    expect(names(session)).toEqual(['dns']);
  });

  it('resumes a dropped watch from the last version seen, without listing again or missing a change', async () => {
    const server = new FakeKubeServer();
    server.upsert(fakePod('default', 'a'));
    const { session } = start(server);
    await session.connect();
    server.upsert(fakePod('default', 'b'));
    server.dropWatches();
    server.upsert(fakePod('default', 'c')); // while no watch is open
    await until(() => names(session).includes('c'), 'the resumed watch');
    expect(session.counts()).toEqual({ lists: 1, resumes: 1, relists: 0 });
    expect(server.calls.lists).toBe(1);
    expect(server.calls.watches).toEqual(['101', '102']);
    expect(session.state).toBe('connected');
  });

  it('lists again when the version is gone (410), and ends up equal to the server', async () => {
    const server = new FakeKubeServer();
    server.upsert(fakePod('default', 'a'));
    server.upsert(fakePod('default', 'b'));
    const { session, changes } = start(server);
    await session.connect();
    server.remove('uid-default-a', true);
    server.upsert(fakePod('default', 'z'), true);
    server.compact();
    changes.length = 0;
    server.dropWatches();
    await until(() => session.counts().relists === 1 && server.openWatches === 1, 'the re-list');
    expect(names(session)).toEqual(
      server
        .list()
        .map((p) => p.metadata!.name!)
        .sort(),
    );
    expect(names(session)).toEqual(['b', 'z']);
    expect(server.calls.lists).toBe(2);
    expect(session.counts()).toEqual({ lists: 2, resumes: 1, relists: 1 }); // tried to resume, got 410
    expect(session.state).toBe('connected');
    await until(() => changes.length > 0, 'the hint');
    expect(changes.flatMap((c) => c.uids).sort(), JSON.stringify(changes)).toEqual([
      'uid-default-a',
      'uid-default-z',
    ]);
  });

  it('is unavailable with a retry while the server is down, and connects when it is back', async () => {
    const server = new FakeKubeServer();
    server.down = failure('UNAVAILABLE', 'Nothing is listening at https://lab:6443.', 'Start it.');
    const { session } = start(server);
    await session.connect();
    const status = session.toCluster().status;
    expect(status).toMatchObject({
      state: 'unavailable',
      reason: 'Nothing is listening at https://lab:6443.',
      hint: 'Start it.',
    });
    expect(status.retry?.attempt).toBe(1);
    expect(() => session.pods()).toThrow(/Nothing is listening/);
    server.down = undefined;
    await until(() => session.state === 'connected', 'the retry');
  });

  it('goes reconnecting when the watch breaks, then resumes where it was', async () => {
    const server = new FakeKubeServer();
    server.upsert(fakePod('default', 'a'));
    const { session, statuses } = start(server);
    await session.connect();
    server.down = failure('UNAVAILABLE', 'lab cannot be reached.', 'Check the route.');
    server.failWatches(server.down);
    expect(session.state).toBe('reconnecting');
    expect(session.toCluster().status.reason).toBe('lab cannot be reached.');
    server.down = undefined;
    server.upsert(fakePod('default', 'b'));
    await until(() => session.state === 'connected', 'the reconnect');
    expect(statuses).toContain('reconnecting');
    expect(names(session)).toEqual(['a', 'b']);
    expect(server.calls.lists).toBe(1); // resumed, not listed again
  });

  it('waits for the user after a 403 (no retry by itself)', async () => {
    const server = new FakeKubeServer();
    server.down = failure('PERMISSION_DENIED', 'lab forbids this (HTTP 403).', 'Ask an admin.');
    const { session } = start(server);
    await session.connect();
    expect(session.toCluster().status).toMatchObject({ state: 'unavailable' });
    expect(session.toCluster().status.retry).toBeUndefined();
    expect(() => session.pods()).toThrow(AppError);
  });

  it('watches only the chosen namespaces, one list+watch each, and drops the rest', async () => {
    const server = new FakeKubeServer();
    server.upsert(fakePod('a', 'one'));
    server.upsert(fakePod('b', 'two'));
    server.upsert(fakePod('c', 'three'));
    const { session, changes } = start(server);
    await session.connect();
    expect(names(session)).toEqual(['one', 'three', 'two']);
    await session.setNamespaces(['a', 'c']);
    expect(session.state).toBe('connected');
    expect(names(session)).toEqual(['one', 'three']);
    expect(server.openWatches).toBe(2);
    expect(session.toCluster().namespaces).toEqual(['a', 'c']);
    expect(changes.at(-1)).toEqual({ uids: [], full: true });
  });

  it('lists a blocked context as unavailable, not retryable, and never dials it', async () => {
    const server = new FakeKubeServer();
    const session = new ClusterSession(
      { ...SPEC, blocked: { reason: 'The context names a missing cluster.', hint: 'Add it.' } },
      null,
      {
        createCluster: () => Promise.reject(new Error('dialled')),
        onStatus: () => undefined,
        onPods: () => undefined,
        log: () => undefined,
      },
    );
    sessions.push(session);
    await session.connect();
    expect(session.toCluster().status).toMatchObject({
      state: 'unavailable',
      retryable: false,
      reason: 'The context names a missing cluster.',
    });
    expect(server.calls.lists).toBe(0);
  });
});
