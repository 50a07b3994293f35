// Delete a pod, rollout restart and scale, through the contract against the simulator.
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import type { PodRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { startIntCore, type IntCore } from '../testing/int-core';
import { RESTARTED_AT } from './client-node-actions';

const env = testEnv();
const ID = 'kube-bosun-sim';
const NS = 'default';
let sim: KubeSim;
let core: IntCore;
let apps: AppsV1Api;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pods = async (app?: string): Promise<PodRow[]> =>
  (await core.client.call('kube.pods.list', { clusterIds: [ID], namespaces: [NS] })).rows.filter(
    (p) => app === undefined || p.labels.app === app,
  );
const running = async (app: string): Promise<PodRow[]> =>
  (await pods(app)).filter((p) => p.phase === 'Running' && !p.deleting);

async function failure(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  core = await startIntCore({ KUBECONFIG: sim.kubeconfigPath });
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  apps = config.makeApiClient(AppsV1Api);
  await apps.createNamespacedDeployment({
    namespace: NS,
    body: {
      metadata: { name: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'shop' } },
        template: {
          metadata: { labels: { app: 'shop' } },
          spec: {
            terminationGracePeriodSeconds: 0,
            containers: [{ name: 'web', image: env.images.busybox, command: ['sleep', '3600'] }],
          },
        },
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await sim?.stop();
}, 60_000);

describe('pod and workload actions through the contract', () => {
  it('deletes a bare pod', async () => {
    await sim.createPod(NS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lonely', labels: { app: 'lonely' } },
      spec: { containers: [{ name: 'main', image: env.images.busybox, command: ['sleep', '3600'] }] },
    });
    await until(
      () => running('lonely'),
      (rows) => rows.length === 1,
      'the pod in the list',
    );
    await core.client.call('kube.pods.delete', {
      clusterId: ID,
      namespace: NS,
      name: 'lonely',
      gracePeriodSeconds: 0,
    });
    await until(
      () => pods('lonely'),
      (rows) => rows.length === 0,
      'the pod to be gone',
    );
    const again = await failure(
      core.client.call('kube.pods.delete', { clusterId: ID, namespace: NS, name: 'lonely' }),
    );
    expect(again.code).toBe('NOT_FOUND');
    expect(again.message).toContain('pod lonely in default');
  }, 60_000);

  it('restarts a deployment: every pod is replaced', async () => {
    const before = await until(
      () => running('shop'),
      (rows) => rows.length === 2,
      '2 running pods',
    );
    const old = new Set(before.map((p) => p.name));
    const { restartedAt } = await core.client.call('kube.workloads.restart', {
      clusterId: ID,
      namespace: NS,
      kind: 'Deployment',
      name: 'shop',
    });
    const deployment = await apps.readNamespacedDeployment({ name: 'shop', namespace: NS });
    expect(deployment.spec?.template.metadata?.annotations?.[RESTARTED_AT]).toBe(restartedAt);
    await until(
      () => pods('shop'),
      (rows) =>
        rows.length === 2 && rows.every((p) => !old.has(p.name) && p.phase === 'Running' && !p.deleting),
      'two new pods in place of the old ones',
    );
  }, 60_000);

  it('scales a deployment to 3, then to 1', async () => {
    const up = await core.client.call('kube.workloads.scale', {
      clusterId: ID,
      namespace: NS,
      kind: 'Deployment',
      name: 'shop',
      replicas: 3,
    });
    expect(up.replicas).toBe(3);
    await until(
      () => running('shop'),
      (rows) => rows.length === 3,
      '3 running pods',
    );
    await core.client.call('kube.workloads.scale', {
      clusterId: ID,
      namespace: NS,
      kind: 'Deployment',
      name: 'shop',
      replicas: 1,
    });
    await until(
      () => pods('shop'),
      (rows) => rows.length === 1,
      '1 pod left',
    );
    const scale = await apps.readNamespacedDeploymentScale({ name: 'shop', namespace: NS });
    expect(scale.spec?.replicas).toBe(1);
  }, 60_000);

  it('a missing deployment is NOT_FOUND, naming it', async () => {
    const error = await failure(
      core.client.call('kube.workloads.restart', {
        clusterId: ID,
        namespace: NS,
        kind: 'Deployment',
        name: 'nope',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('Deployment nope in default');
  });

  it('refuses a delete RBAC denies, naming the verb, and the pod stays', async () => {
    const [pod] = await until(
      () => running('shop'),
      (rows) => rows.length === 1,
      'the shop pod',
    );
    sim.setDeny([{ verb: 'delete', resource: 'pods' }]);
    try {
      const access = await core.client.call('kube.access', {
        clusterId: ID,
        namespace: NS,
        checks: [{ verb: 'delete', resource: 'pods' }],
      });
      expect(access[0]?.allowed).toBe(false);
      const error = await failure(
        core.client.call('kube.pods.delete', { clusterId: ID, namespace: NS, name: pod!.name }),
      );
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toContain('may not delete pods in namespace default');
      expect((await running('shop')).map((p) => p.name)).toEqual([pod!.name]);
    } finally {
      sim.setDeny([]);
    }
  }, 60_000);

  it('refuses a scale RBAC denies, naming the subresource', async () => {
    sim.setDeny([{ verb: 'update', resource: 'deployments', subresource: 'scale' }]);
    try {
      const error = await failure(
        core.client.call('kube.workloads.scale', {
          clusterId: ID,
          namespace: NS,
          kind: 'Deployment',
          name: 'shop',
          replicas: 2,
        }),
      );
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toContain('may not update deployments/scale');
    } finally {
      sim.setDeny([]);
    }
  });
});
