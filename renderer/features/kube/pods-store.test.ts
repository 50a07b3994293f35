import { beforeEach, describe, expect, it } from 'vitest';
import { FakeCore } from '../../test/fake-core';
import { manualFrames, settle } from '../../test/frames';
import { fakeKube, makeCluster, makePod } from './kube-fixtures';
import { ClustersStore } from './clusters-store';
import { PodsStore } from './pods-store';

const A = 'kube-a';
const B = 'kube-b';

describe('PodsStore', () => {
  let core: FakeCore;
  let kube: ReturnType<typeof fakeKube>;
  let frames: ReturnType<typeof manualFrames>;
  let store: PodsStore;
  const names = (): string[] =>
    store
      .getSnapshot()
      .items.map((i) => i.row.name)
      .sort();

  beforeEach(async () => {
    core = new FakeCore();
    kube = fakeKube(
      core,
      [makeCluster({ id: A }), makeCluster({ id: B })],
      [
        makePod({ name: 'a1', clusterId: A }),
        makePod({ name: 'a2', clusterId: A }),
        makePod({ name: 'b1', clusterId: B }),
      ],
    );
    frames = manualFrames();
    store = new PodsStore(frames.schedule);
    store.attach(core.client());
    store.syncClusters(kube.clusters);
    await settle();
  });

  it('reads every pod once on attach, keyed by cluster and uid', () => {
    expect(names()).toEqual(['a1', 'a2', 'b1']);
    expect(store.getSnapshot().items.map((i) => i.key)).toContain(`${A}/${kube.pods[0]!.uid}`);
    expect(core.callsOf('kube.pods.list')).toEqual([{}]);
  });

  it('coalesces the hints of one frame into one read of the uids they name', async () => {
    const [a1, a2] = kube.pods;
    kube.pods = [{ ...a1!, status: 'Terminating' }, kube.pods[2]!];
    core.emit('kube.pods.changed', { clusterId: A, uids: [a1!.uid], full: false });
    core.emit('kube.pods.changed', { clusterId: A, uids: [a2!.uid], full: false });
    frames.flush();
    await settle();
    expect(core.callsOf('kube.pods.list').slice(1)).toEqual([{ clusterIds: [A], uids: [a1!.uid, a2!.uid] }]);
    expect(names()).toEqual(['a1', 'b1']);
    expect(store.getSnapshot().items.find((i) => i.row.name === 'a1')?.row.status).toBe('Terminating');
  });

  it('a full hint replaces the cluster whole and leaves the others alone', async () => {
    kube.pods = [makePod({ name: 'a3', clusterId: A }), kube.pods[2]!];
    core.emit('kube.pods.changed', { clusterId: A, uids: ['ignored'], full: true });
    frames.flush();
    await settle();
    expect(core.callsOf('kube.pods.list').at(-1)).toEqual({ clusterIds: [A] });
    expect(names()).toEqual(['a3', 'b1']);
  });

  it('keeps the pods of a reconnecting cluster, drops those of an unavailable one, re-reads on connect', async () => {
    const down = (state: 'reconnecting' | 'unavailable') =>
      makeCluster({ id: A, status: { state, since: 2, retryable: true, reason: 'gone' } });
    store.syncClusters([down('reconnecting'), kube.clusters[1]!]);
    expect(names()).toEqual(['a1', 'a2', 'b1']);
    store.syncClusters([down('unavailable'), kube.clusters[1]!]);
    expect(names()).toEqual(['b1']);
    store.syncClusters(kube.clusters);
    frames.flush();
    await settle();
    expect(core.callsOf('kube.pods.list').at(-1)).toEqual({ clusterIds: [A] });
    expect(names()).toEqual(['a1', 'a2', 'b1']);
    store.syncClusters([kube.clusters[1]!]);
    expect(names()).toEqual(['b1']);
  });

  it('keeps a failed re-read beside the rows as that cluster’s failure', async () => {
    kube.failing.set(B, 'Forbidden: pods is forbidden');
    core.emit('kube.pods.changed', { clusterId: B, uids: [], full: true });
    frames.flush();
    await settle();
    expect(store.getSnapshot().failures).toEqual([
      { clusterId: B, code: 'UNAVAILABLE', message: 'Forbidden: pods is forbidden' },
    ]);
    expect(names()).toEqual(['a1', 'a2', 'b1']);
  });
});

describe('ClustersStore', () => {
  it('re-reads the list once per frame of kube.clusters.changed hints', async () => {
    const core = new FakeCore();
    const kube = fakeKube(core, [makeCluster({ id: A })], []);
    const frames = manualFrames();
    const store = new ClustersStore(frames.schedule);
    store.attach(core.client());
    await settle();
    expect(store.getSnapshot().clusters.map((c) => c.id)).toEqual([A]);
    kube.clusters = [makeCluster({ id: A }), makeCluster({ id: B })];
    core.emit('kube.clusters.changed', { ids: [A] });
    core.emit('kube.clusters.changed', { ids: [B] });
    frames.flush();
    await settle();
    expect(core.callsOf('kube.clusters.list')).toHaveLength(2);
    expect(store.getSnapshot().clusters.map((c) => c.id)).toEqual([A, B]);
  });
});
