import { describe, expect, it } from 'vitest';
import { ListPager } from './list-paging';
import { ApiError } from './status';
import { Store, type KubeObject } from './store';

const cm = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
});

describe('store', () => {
  it('keeps one monotonic resourceVersion and a bounded history', () => {
    const store = new Store(2);
    const a = store.create('configmaps', cm('a'));
    const b = store.update('configmaps', 'default', 'a', (d) => (d.data = { k: 'v' }));
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    store.create('configmaps', cm('b'));
    expect(() => store.changesSince(Number(a.metadata.resourceVersion) - 1)).toThrow(ApiError);
    expect(store.changesSince(Number(a.metadata.resourceVersion)).map((c) => c.type)).toEqual([
      'MODIFIED',
      'ADDED',
    ]);
    expect(() => store.create('configmaps', cm('b'))).toThrow(/already exists/);
  });

  it('pages over a snapshot that later writes do not change', () => {
    const store = new Store(100);
    for (const n of ['c', 'a', 'b']) store.create('configmaps', cm(n));
    const pager = new ListPager(store);
    const all = (): KubeObject[] => store.list('configmaps', 'default');
    const first = pager.page('ConfigMapList', 'v1', all, new URLSearchParams('limit=2'));
    expect((first.items as KubeObject[]).map((i) => i.metadata.name)).toEqual(['a', 'b']);
    store.delete('configmaps', 'default', 'c');
    const token = (first.metadata as { continue: string }).continue;
    const second = pager.page(
      'ConfigMapList',
      'v1',
      all,
      new URLSearchParams({ limit: '2', continue: token }),
    );
    expect((second.items as KubeObject[]).map((i) => i.metadata.name)).toEqual(['c']);
    expect(() =>
      pager.page('ConfigMapList', 'v1', all, new URLSearchParams({ continue: 'garbage' })),
    ).toThrow(/continue key/);
  });
});
