// Deployments through the real @kubernetes/client-node: a ReplicaSet and real pods, scale through the
// deployment and the /scale subresource, rollout restart replacing the pods.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../test-env';
import { expectStatus, podContainers, startSimClients, waitFor, type SimClients } from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients();
});

afterAll(async () => {
  await s?.close();
});

const deployment = (name: string, replicas: number): k8s.V1Deployment => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'web', image: testEnv().images.busybox, command: ['sleep', '3600'] }],
      },
    },
  },
});

async function runningPods(app: string): Promise<k8s.V1Pod[]> {
  const pods = await s.core.listNamespacedPod({ namespace: 'default', labelSelector: `app=${app}` });
  return pods.items.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
}

describe('kube-sim workloads', () => {
  it('creates a ReplicaSet and running pods, scales, and rolls out a restart', async () => {
    await s.apps.createNamespacedDeployment({ namespace: 'default', body: deployment('shop', 2) });
    const first = await waitFor('2 running pods', async () => {
      const pods = await runningPods('shop');
      return pods.length === 2 ? pods : undefined;
    });
    const rsList = await s.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=shop' });
    expect(rsList.items).toHaveLength(1);
    const rs = rsList.items[0]!;
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'shop',
      controller: true,
    });
    expect(first[0]!.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: rs.metadata?.name,
    });
    for (const pod of first) expect(await podContainers(s.engine, pod.metadata!.uid!)).toHaveLength(1);
    await waitFor('deployment available', async () => {
      const d = await s.apps.readNamespacedDeployment({ name: 'shop', namespace: 'default' });
      return d.status?.availableReplicas === 2 && d.status.updatedReplicas === 2 ? d : undefined;
    });

    // scale through the /scale subresource (client-node's default patch type is JSON patch)
    const scaled = await s.apps.patchNamespacedDeploymentScale({
      name: 'shop',
      namespace: 'default',
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    });
    expect(scaled.spec?.replicas).toBe(3);
    await waitFor('3 running pods', async () =>
      (await runningPods('shop')).length === 3 ? true : undefined,
    );
    const scale = await s.apps.readNamespacedDeploymentScale({ name: 'shop', namespace: 'default' });
    expect(scale.status?.selector).toBe('app=shop');

    // scale down through a merge patch of spec.replicas
    await s.apps.patchNamespacedDeployment(
      { name: 'shop', namespace: 'default', body: { spec: { replicas: 1 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await waitFor('1 pod left', async () =>
      (await s.core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=shop' })).items.length === 1
        ? true
        : undefined,
    );
    const before = (await runningPods('shop'))[0]!;

    // rollout restart, as kubectl does it: a strategic merge patch of the template annotation
    await s.apps.patchNamespacedDeployment(
      {
        name: 'shop',
        namespace: 'default',
        body: {
          spec: {
            template: {
              metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } },
            },
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    const after = await waitFor(
      'a replacement pod',
      async () => {
        const all = await s.core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=shop' });
        const running = all.items.filter((p) => p.status?.phase === 'Running');
        return all.items.length === 1 &&
          running.length === 1 &&
          running[0]!.metadata?.uid !== before.metadata?.uid
          ? running[0]
          : undefined;
      },
      20_000,
    );
    expect(after.metadata?.labels?.['pod-template-hash']).not.toBe(
      before.metadata?.labels?.['pod-template-hash'],
    );
    expect(await podContainers(s.engine, before.metadata!.uid!)).toHaveLength(0);
    const sets = await s.apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=shop' });
    expect(sets.items.map((x) => x.spec?.replicas).sort()).toEqual([0, 1]);
    const d = await s.apps.readNamespacedDeployment({ name: 'shop', namespace: 'default' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');

    // deleting the deployment collects its ReplicaSets and pods
    await s.apps.deleteNamespacedDeployment({ name: 'shop', namespace: 'default' });
    await waitFor('pods collected', async () =>
      (await s.core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=shop' })).items.length === 0
        ? true
        : undefined,
    );
    expect(await podContainers(s.engine, after.metadata!.uid!)).toHaveLength(0);
  });

  it('stores statefulsets, daemonsets, jobs and services, and validates selectors', async () => {
    await s.apps.createNamespacedStatefulSet({
      namespace: 'default',
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'db', image: 'local/busybox:1' }] },
          },
        },
      },
    });
    await s.apps.createNamespacedDaemonSet({
      namespace: 'kube-system',
      body: {
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: { containers: [{ name: 'a', image: 'local/busybox:1' }] },
          },
        },
      },
    });
    await s.kc.makeApiClient(k8s.BatchV1Api).createNamespacedJob({
      namespace: 'default',
      body: {
        metadata: { name: 'once' },
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'j', image: 'local/busybox:1', command: ['sh', '-c', 'echo done'] }],
            },
          },
        },
      },
    });
    const svc = await s.core.createNamespacedService({
      namespace: 'default',
      body: {
        metadata: { name: 'web' },
        spec: { clusterIP: '10.96.7.7', selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
    });
    expect(svc.spec).toMatchObject({ clusterIP: '10.96.7.7', type: 'ClusterIP' });
    expect((await s.apps.listStatefulSetForAllNamespaces()).items.map((x) => x.metadata?.name)).toEqual([
      'db',
    ]);
    expect((await s.apps.listDaemonSetForAllNamespaces()).items.map((x) => x.metadata?.namespace)).toEqual([
      'kube-system',
    ]);
    expect((await s.kc.makeApiClient(k8s.BatchV1Api).listJobForAllNamespaces()).items).toHaveLength(1);
    const batch = s.kc.makeApiClient(k8s.BatchV1Api);
    const done = await waitFor('the job to complete', async () => {
      const job = await batch.readNamespacedJob({ name: 'once', namespace: 'default' });
      return job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')
        ? job
        : undefined;
    });
    expect(done.status).toMatchObject({ succeeded: 1, failed: 0 });
    const jobPods = await s.core.listNamespacedPod({ namespace: 'default', labelSelector: 'job-name=once' });
    expect(jobPods.items.map((p) => p.status?.phase)).toEqual(['Succeeded']);
    expect(
      await s.core.readNamespacedPodLog({ name: jobPods.items[0]!.metadata!.name!, namespace: 'default' }),
    ).toBe('done\n');
    const always = await expectStatus(
      batch.createNamespacedJob({
        namespace: 'default',
        body: {
          metadata: { name: 'bad-job' },
          spec: { template: { spec: { containers: [{ name: 'j', image: 'i' }] } } },
        },
      }),
    );
    expect(always).toMatchObject({ code: 422, message: expect.stringContaining('restartPolicy') });
    const bad = await expectStatus(
      s.apps.createNamespacedDeployment({
        namespace: 'default',
        body: {
          metadata: { name: 'bad' },
          spec: {
            selector: { matchLabels: { app: 'x' } },
            template: {
              metadata: { labels: { app: 'y' } },
              spec: { containers: [{ name: 'c', image: 'i' }] },
            },
          },
        },
      }),
    );
    expect(bad).toMatchObject({ code: 422, reason: 'Invalid' });
    const conflict = await expectStatus(
      s.core.createNamespacedService({ namespace: 'default', body: { metadata: { name: 'web' } } }),
    );
    expect(conflict).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'services "web" already exists',
    });
    const nsMissing = await expectStatus(
      s.core.createNamespacedConfigMap({ namespace: 'nowhere', body: { metadata: { name: 'x' } } }),
    );
    expect(nsMissing).toMatchObject({ code: 404, message: 'namespaces "nowhere" not found' });
  });
});
