// Scale: 10,000 (synthetic) pods listed in pages and watched through the real @kubernetes/client-node.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startSimClients, waitFor, type SimClients } from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients();
});

afterAll(async () => {
  await s?.close();
});

describe('kube-sim at scale', () => {
  it('lists 10,000 pods in pages and streams them to an informer', async () => {
    s.sim.seedSyntheticPods('default', 10_000, 'bulk');
    const started = performance.now();
    const first = await s.core.listPodForAllNamespaces({ limit: 500 });
    const firstPageMs = performance.now() - started;
    expect(first.items).toHaveLength(500);
    expect(first.metadata?.remainingItemCount).toBe(9_500);
    let token = first.metadata?._continue;
    let total = first.items.length;
    while (token) {
      const page = await s.core.listPodForAllNamespaces({ limit: 500, _continue: token });
      total += page.items.length;
      token = page.metadata?._continue;
    }
    expect(total).toBe(10_000);
    expect(firstPageMs).toBeLessThan(1_000);

    const informer = k8s.makeInformer(s.kc, '/api/v1/pods', () => s.core.listPodForAllNamespaces());
    await informer.start();
    expect(informer.list().length).toBe(10_000);
    await s.core.deleteNamespacedPod({ name: 'bulk-00042', namespace: 'default' });
    await waitFor('the delete in the informer', () =>
      informer.get('bulk-00042', 'default') ? undefined : true,
    );
    expect(informer.list().length).toBe(9_999);
    await informer.stop();

    const logs = await expectStatus(
      s.core.readNamespacedPodLog({ name: 'bulk-00001', namespace: 'default' }),
    );
    expect(logs).toMatchObject({ code: 400, message: expect.stringContaining('synthetic') });
  });
});
