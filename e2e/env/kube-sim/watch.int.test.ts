// Watches through the real @kubernetes/client-node Watch and informer: live events from the engine,
// bookmarks, resume from a resourceVersion, 410 Expired and the informer's relist.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, startSimClients, waitFor, type SimClients } from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients({ bookmarkIntervalMs: 200 });
});

afterAll(async () => {
  await s?.close();
});

interface Seen {
  type: string;
  obj: k8s.KubernetesObject & { status?: Record<string, unknown> };
}

async function watch(
  path: string,
  query: Record<string, string | number | boolean>,
): Promise<{ seen: Seen[]; done: Promise<unknown>; abort(): void }> {
  const seen: Seen[] = [];
  let finish: (err: unknown) => void = () => undefined;
  const done = new Promise((resolve) => (finish = resolve));
  const controller = await new k8s.Watch(s.kc).watch(
    path,
    query,
    (type, obj: Seen['obj']) => seen.push({ type, obj }),
    (err) => finish(err),
  );
  return { seen, done, abort: () => controller.abort() };
}

describe('kube-sim watch', () => {
  it('streams ADDED/MODIFIED/DELETED of a real pod, an engine exit as MODIFIED, and bookmarks', async () => {
    const w = await watch('/api/v1/namespaces/default/pods', {
      allowWatchBookmarks: true,
      labelSelector: 'app=sim-test',
    });
    await s.core.createNamespacedPod({
      namespace: 'default',
      body: busyboxPod('exits', 'sleep 1; exit 3', 'Never'),
    });
    await waitFor('the exit as MODIFIED', () =>
      w.seen.find((e) => e.type === 'MODIFIED' && (e.obj.status as { phase?: string })?.phase === 'Failed'),
    );
    const failed = w.seen.find((e) => (e.obj.status as { phase?: string })?.phase === 'Failed')!
      .obj as k8s.V1Pod;
    expect(failed.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    expect(w.seen.filter((e) => e.type !== 'BOOKMARK').map((e) => e.type)[0]).toBe('ADDED');
    expect(
      w.seen.some((e) => e.type === 'MODIFIED' && (e.obj.status as { phase?: string })?.phase === 'Running'),
    ).toBe(true);
    await s.core.deleteNamespacedPod({ name: 'exits', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor('DELETED', () => w.seen.find((e) => e.type === 'DELETED'));
    await waitFor('a bookmark', () => w.seen.find((e) => e.type === 'BOOKMARK'));
    const bookmark = w.seen.find((e) => e.type === 'BOOKMARK')!;
    expect(Number(bookmark.obj.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(bookmark.obj.kind).toBe('Pod');
    w.abort();
  });

  it('resumes from a resourceVersion, ends at timeoutSeconds, and is cut by dropWatches', async () => {
    const list = await s.core.listNamespacedConfigMap({ namespace: 'default' });
    const rv = list.metadata!.resourceVersion!;
    await s.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'a' } } });
    await s.core.patchNamespacedConfigMap(
      { name: 'a', namespace: 'default', body: { data: { k: 'v' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await s.core.deleteNamespacedConfigMap({ name: 'a', namespace: 'default' });
    const w = await watch('/api/v1/namespaces/default/configmaps', {
      resourceVersion: rv,
      timeoutSeconds: 1,
    });
    expect(await w.done).toBeNull();
    expect(w.seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect((w.seen[1]!.obj as k8s.V1ConfigMap).data).toEqual({ k: 'v' });

    const live = await watch('/api/v1/configmaps', {});
    await s.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'b' } } });
    await waitFor('ADDED b', () => live.seen.find((e) => e.obj.metadata?.name === 'b'));
    s.sim.dropWatches();
    expect(await live.done).toBeInstanceOf(Error);
  });

  it('answers an old resourceVersion with a 410 Expired event, and the informer relists', async () => {
    const start = (await s.core.listNamespacedConfigMap({ namespace: 'default' })).metadata!.resourceVersion!;
    await s.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'c' } } });
    s.sim.compactHistory();
    const w = await watch('/api/v1/namespaces/default/configmaps', { resourceVersion: start });
    await w.done;
    expect(w.seen).toHaveLength(1);
    expect(w.seen[0]).toMatchObject({ type: 'ERROR', obj: { kind: 'Status', code: 410, reason: 'Expired' } });

    const path = '/api/v1/namespaces/default/configmaps';
    const informer = k8s.makeInformer(s.kc, path, () =>
      s.core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    const added: string[] = [];
    let connects = 0;
    informer.on('add', (obj) => added.push(obj.metadata!.name!));
    informer.on('connect', () => (connects += 1));
    await informer.start();
    await waitFor('initial list', () => added.includes('c') || undefined);
    await informer.stop();
    await s.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'd' } } });
    s.sim.compactHistory();
    await informer.start();
    await waitFor('relist after 410 brings d', () => added.includes('d') || undefined);
    expect(connects).toBeGreaterThanOrEqual(3);
    expect(informer.list('default').map((o) => o.metadata?.name)).toEqual(expect.arrayContaining(['c', 'd']));
    await informer.stop();
  });
});
