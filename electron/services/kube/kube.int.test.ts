import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import type { Payload, PodRow } from '../../shared/contract';
import { startIntCore, type IntCore } from '../testing/int-core';

const env = testEnv();
let sim: KubeSim;
let it_: IntCore;
let api: CoreV1Api;
const hints: Payload<'kube.pods.changed'>[] = [];
const ID = 'kube-bosun-sim';
const NS = 'default';

function manifest(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bosun-int' } },
    spec: { containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }] },
  };
}

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pods = async (): Promise<PodRow[]> =>
  (await it_.client.call('kube.pods.list', { clusterIds: [ID] })).rows;

const serverNames = async (): Promise<string[]> =>
  (await api.listPodForAllNamespaces()).items
    .map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`)
    .sort();

beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  it_ = await startIntCore({ KUBECONFIG: sim.kubeconfigPath });
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  api = config.makeApiClient(CoreV1Api);
  it_.client.subscribe('kube.pods.changed', { clusterId: ID }, (payload) => hints.push(payload));
}, 60_000);

afterAll(async () => {
  await it_?.close();
  await sim?.stop();
}, 60_000);

describe('kube against the simulator, through the contract', () => {
  it('lists the context of KUBECONFIG and connects to it', async () => {
    const clusters = await until(
      () => it_.client.call('kube.clusters.list', {}),
      (list) => list.some((c) => c.id === ID && c.status.state === 'connected'),
      'the cluster to connect',
    );
    const cluster = clusters.find((c) => c.id === ID)!;
    expect(cluster).toMatchObject({
      context: sim.contextName,
      server: sim.server,
      current: true,
      namespaces: null,
    });
    expect(cluster.status.version).toMatch(/^v1\./);
  });

  it('shows a pod created, changed and deleted live, with hints naming it', async () => {
    const created = (await sim.createPod(NS, manifest('int-live'))) as { metadata: { uid: string } };
    const uid = created.metadata.uid;
    const running = await until(
      pods,
      (rows) => rows.some((r) => r.uid === uid && r.status === 'Running'),
      'the pod',
    );
    expect(running.find((r) => r.uid === uid)).toMatchObject({
      clusterId: ID,
      namespace: NS,
      name: 'int-live',
      ready: '1/1',
      restarts: 0,
      containers: [{ name: 'main', image: 'local/busybox:1' }],
    });
    expect(hints.some((h) => h.uids.includes(uid))).toBe(true);

    hints.length = 0;
    await api.patchNamespacedPod(
      { name: 'int-live', namespace: NS, body: { metadata: { labels: { changed: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await until(
      async () => hints,
      (h) => h.some((x) => x.uids.includes(uid)),
      'the change hint',
    );

    hints.length = 0;
    await api.deleteNamespacedPod({ name: 'int-live', namespace: NS, gracePeriodSeconds: 0 });
    await until(pods, (rows) => !rows.some((r) => r.uid === uid), 'the pod to go');
    expect(hints.some((h) => h.uids.includes(uid))).toBe(true);
  }, 60_000);

  it('resumes a dropped watch without listing again', async () => {
    const before = it_.core.kube.get(ID)!.counts();
    sim.dropWatches();
    const created = (await sim.createPod(NS, manifest('int-resume'))) as { metadata: { uid: string } };
    await until(pods, (rows) => rows.some((r) => r.uid === created.metadata.uid), 'the pod after the drop');
    const after = it_.core.kube.get(ID)!.counts();
    expect(after.lists).toBe(before.lists);
    expect(after.relists).toBe(before.relists);
    expect(after.resumes).toBeGreaterThan(before.resumes);
    expect((await pods()).map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(await serverNames());
  }, 60_000);

  it('lists again when the version it resumes from was compacted (410), and matches the server', async () => {
    // Bosun falls behind: its watch is refused while pods change, then the history is compacted.
    sim.setDeny([{ verb: 'watch', resource: 'pods' }]);
    sim.dropWatches();
    await until(
      () => it_.client.call('kube.clusters.list', {}),
      (list) => list.some((c) => c.id === ID && c.status.state !== 'connected'),
      'the refused watch to show',
    );
    const before = it_.core.kube.get(ID)!.counts();
    await sim.createPod(NS, manifest('int-relist'));
    sim.compactHistory();
    sim.setDeny([]);
    await it_.client.call('kube.clusters.retry', { clusterId: ID });
    const rows = await until(
      pods,
      (r) => r.some((x) => x.name === 'int-relist'),
      'the pod after the re-list',
    );
    const after = it_.core.kube.get(ID)!.counts();
    expect(after.lists).toBe(before.lists + 1);
    expect(after.relists).toBe(before.relists + 1);
    expect(rows.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(await serverNames());
  }, 60_000);

  it('answers kube.access per check, allowed and denied (SelfSubjectAccessReview)', async () => {
    sim.setDeny([{ verb: 'create', resource: 'pods', subresource: 'exec' }]);
    const answers = await it_.client.call('kube.access', {
      clusterId: ID,
      namespace: NS,
      checks: [
        { verb: 'create', resource: 'pods', subresource: 'exec' },
        { verb: 'delete', resource: 'pods' },
      ],
    });
    expect(answers.map((a) => a.allowed)).toEqual([false, true]);
    sim.setDeny([]);
  });

  it('reads a 403 as PERMISSION_DENIED, saying what to do', async () => {
    sim.setDeny([{ verb: 'list', resource: 'pods' }]);
    const failed = await it_.client
      .call('kube.namespaces.set', { clusterId: ID, namespaces: ['kube-system'] })
      .then((cluster) => cluster);
    expect(['reconnecting', 'unavailable']).toContain(failed.status.state);
    expect(failed.status.retry).toBeUndefined(); // a refusal waits for the user
    expect(failed.status.reason).toMatch(/HTTP 403/);
    expect(failed.status.hint).toMatch(/RBAC/);
    const result = await it_.client.call('kube.pods.list', { clusterIds: [ID] });
    expect(result.failures).toEqual([expect.objectContaining({ clusterId: ID, code: 'PERMISSION_DENIED' })]);
    sim.setDeny([]);
    await it_.client.call('kube.namespaces.set', { clusterId: ID, namespaces: null });
    await until(
      () => it_.client.call('kube.clusters.list', {}),
      (list) => list.some((c) => c.id === ID && c.status.state === 'connected' && c.namespaces === null),
      'all namespaces again',
    );
  }, 60_000);
});
