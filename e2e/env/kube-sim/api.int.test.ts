// The simulator's REST surface through the real @kubernetes/client-node: discovery, Status answers,
// pods backed by real containers, pagination, logs and RBAC.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  busyboxPod,
  expectStatus,
  podContainers,
  startSimClients,
  waitFor,
  type SimClients,
} from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients();
});

afterAll(async () => {
  await s?.close();
});

describe('kube-sim REST', () => {
  it('serves discovery and answers unknown paths and verbs with a Status', async () => {
    const version = await s.kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.major).toBe('1');
    const groups = await s.kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['apps', 'batch', 'authorization.k8s.io']),
    );
    const core = await s.core.getAPIResources();
    expect(core.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/log', 'pods/exec', 'namespaces', 'services']),
    );
    const apps = await s.apps.getAPIResources();
    expect(apps.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['deployments', 'deployments/scale', 'replicasets']),
    );

    const nf = await expectStatus(s.core.readNamespacedPod({ name: 'nope', namespace: 'default' }));
    expect(nf).toMatchObject({
      kind: 'Status',
      code: 404,
      reason: 'NotFound',
      message: 'pods "nope" not found',
    });
  });

  it('answers 404/405/401 on raw paths as a Status, and prints Tables for kubectl', async () => {
    const { request } = await import('node:https');
    const ca = Buffer.from(s.kc.getCurrentCluster()!.caData!, 'base64');
    const call = (
      path: string,
      method: string,
      auth = true,
      accept = 'application/json',
    ): Promise<{ code: number; body: Record<string, unknown> }> =>
      new Promise((resolve, reject) => {
        const url = new URL(path, s.sim.server);
        const req = request(
          url,
          { method, ca, headers: auth ? { authorization: `Bearer ${s.sim.token}`, accept } : { accept } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                code: res.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await call('/api/v1/widgets', 'GET')).toMatchObject({
      code: 404,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 },
    });
    expect(await call('/api/v1/nodes', 'POST')).toMatchObject({
      code: 405,
      body: { kind: 'Status', reason: 'MethodNotAllowed', code: 405 },
    });
    expect(await call('/api', 'GET', false)).toMatchObject({
      code: 401,
      body: { kind: 'Status', reason: 'Unauthorized', code: 401 },
    });
    const kubectlAccept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const table = await call('/api/v1/namespaces', 'GET', true, kubectlAccept);
    expect(table.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect((table.body.columnDefinitions as { name: string }[]).map((c) => c.name)).toEqual([
      'Name',
      'Status',
      'Age',
    ]);
    expect((table.body.rows as { cells: unknown[] }[]).map((r) => r.cells[0])).toContain('kube-system');
  });

  it('runs a pod as a real container, lists, gets and deletes it', async () => {
    const created = await s.core.createNamespacedPod({ namespace: 'default', body: busyboxPod('web-1') });
    expect(created.metadata?.uid).toBeTruthy();
    const uid = created.metadata!.uid!;
    const running = await waitFor('pod running', async () => {
      const pod = await s.core.readNamespacedPod({ name: 'web-1', namespace: 'default' });
      return pod.status?.phase === 'Running' ? pod : undefined;
    });
    const status = running.status!.containerStatuses![0]!;
    expect(status).toMatchObject({ name: 'main', ready: true, restartCount: 0 });
    expect(status.state?.running?.startedAt).toBeTruthy();
    expect(running.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const engineContainers = await podContainers(s.engine, uid);
    expect(engineContainers).toHaveLength(1);
    expect(status.containerID).toBe(`docker://${engineContainers[0]!.Id}`);
    expect(engineContainers[0]).toMatchObject({
      State: 'running',
      Labels: expect.objectContaining({ 'io.bosun.test': '1' }),
    });

    const list = await s.core.listPodForAllNamespaces({
      fieldSelector: 'status.phase=Running',
      labelSelector: 'app=sim-test',
    });
    expect(list.items.map((p) => p.metadata?.name)).toContain('web-1');
    const none = await s.core.listNamespacedPod({
      namespace: 'default',
      fieldSelector: 'spec.nodeName=other',
    });
    expect(none.items).toHaveLength(0);

    const events = await s.core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=web-1',
    });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );

    const deleting = await s.core.deleteNamespacedPod({
      name: 'web-1',
      namespace: 'default',
      gracePeriodSeconds: 1,
    });
    expect(deleting.metadata?.deletionTimestamp).toBeTruthy();
    await waitFor('pod gone', async () => {
      const pods = await s.core.listNamespacedPod({
        namespace: 'default',
        fieldSelector: 'metadata.name=web-1',
      });
      return pods.items.length === 0 ? true : undefined;
    });
    expect(await podContainers(s.engine, uid)).toHaveLength(0);
    const killing = await s.core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.name=web-1,reason=Killing',
    });
    expect(killing.items).toHaveLength(1);
  });

  it('createPod resolves with a running pod; a missing image waits with ErrImageNeverPull', async () => {
    const pod = (await s.sim.createPod('default', busyboxPod('direct', 'sleep 3600'))) as k8s.V1Pod;
    expect(pod.status?.phase).toBe('Running');
    expect(await podContainers(s.engine, pod.metadata!.uid!)).toHaveLength(1);
    const missing = (await s.sim.createPod('default', {
      metadata: { name: 'ghost' },
      spec: { containers: [{ name: 'c', image: 'local/does-not-exist:1' }] },
    })) as k8s.V1Pod;
    expect(missing.status?.phase).toBe('Pending');
    expect(missing.status?.containerStatuses?.[0]?.state?.waiting).toMatchObject({
      reason: 'ErrImageNeverPull',
    });
    const logs = await expectStatus(s.core.readNamespacedPodLog({ name: 'ghost', namespace: 'default' }));
    expect(logs).toMatchObject({
      code: 400,
      message: 'container "c" in pod "ghost" is waiting to start: ErrImageNeverPull',
    });
    await s.core.deleteNamespacedPod({ name: 'ghost', namespace: 'default', gracePeriodSeconds: 0 });
    await s.core.deleteNamespacedPod({ name: 'direct', namespace: 'default', gracePeriodSeconds: 0 });

    await s.core.createNamespace({ body: { metadata: { name: 'team-a' } } });
    await s.sim.createPod('team-a', busyboxPod('tmp', 'sleep 3600'));
    const ns = await s.core.deleteNamespace({ name: 'team-a' });
    expect((ns as k8s.V1Namespace).status?.phase).toBe('Terminating');
    await waitFor('namespace gone', async () => {
      const list = await s.core.listNamespace();
      return list.items.some((n) => n.metadata?.name === 'team-a') ? undefined : true;
    });
    const kept = await expectStatus(s.core.deleteNamespace({ name: 'default' }));
    expect(kept).toMatchObject({ code: 403, reason: 'Forbidden' });
    const invalid = await expectStatus(
      s.core.createNamespacedPod({
        namespace: 'default',
        body: { metadata: { name: 'Bad_Name' }, spec: { containers: [] } },
      }),
    );
    expect(invalid).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it('gives containers their env from values, ConfigMaps, Secrets and the downward API', async () => {
    await s.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'settings' }, data: { MODE: 'fast' } },
    });
    await s.core.createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 'creds' }, stringData: { token: 's3cret' } },
    });
    await s.sim.createPod('default', {
      metadata: { name: 'env-pod' },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'main',
            image: 'local/busybox:1',
            command: ['sh', '-c', 'echo "$PLAIN $CFG_MODE $TOKEN $ME"; sleep 3600'],
            envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings' } }],
            env: [
              { name: 'PLAIN', value: 'v' },
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
              { name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
          },
        ],
      },
    });
    const log = await waitFor('the env line', async () => {
      const text = await s.core.readNamespacedPodLog({ name: 'env-pod', namespace: 'default' });
      return text ? text : undefined;
    });
    expect(log).toBe('v fast s3cret env-pod\n');
    await s.core.deleteNamespacedPod({ name: 'env-pod', namespace: 'default', gracePeriodSeconds: 0 });
    await s.core.deleteNamespacedConfigMap({ name: 'settings', namespace: 'default' });
    await s.core.deleteNamespacedSecret({ name: 'creds', namespace: 'default' });
  });

  it('pages a list with limit/continue over a consistent snapshot, and 410s a token too old', async () => {
    for (let i = 0; i < 5; i++) {
      await s.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } },
      });
    }
    const first = await s.core.listNamespacedConfigMap({ namespace: 'default', limit: 2 });
    expect(first.items.map((c) => c.metadata?.name)).toEqual(['cm-0', 'cm-1']);
    expect(first.metadata?.remainingItemCount).toBe(3);
    await s.core.deleteNamespacedConfigMap({ name: 'cm-3', namespace: 'default' });
    const second = await s.core.listNamespacedConfigMap({
      namespace: 'default',
      limit: 2,
      _continue: first.metadata!._continue!,
    });
    expect(second.items.map((c) => c.metadata?.name)).toEqual(['cm-2', 'cm-3']);
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const third = await s.core.listNamespacedConfigMap({
      namespace: 'default',
      limit: 2,
      _continue: second.metadata!._continue!,
    });
    expect(third.items.map((c) => c.metadata?.name)).toEqual(['cm-4']);
    expect(third.metadata?._continue).toBeUndefined();

    const again = await s.core.listNamespacedConfigMap({ namespace: 'default', limit: 1 });
    await s.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'cm-late' } } });
    s.sim.compactHistory();
    const expired = await expectStatus(
      s.core.listNamespacedConfigMap({
        namespace: 'default',
        limit: 1,
        _continue: again.metadata!._continue!,
      }),
    );
    expect(expired).toMatchObject({ code: 410, reason: 'Expired' });

    const secret = await s.core.createNamespacedSecret({
      namespace: 'default',
      body: { metadata: { name: 's1' }, stringData: { password: 'pw' } },
    });
    expect(secret.data).toEqual({ password: Buffer.from('pw').toString('base64') });
    const secrets = await s.core.listNamespacedSecret({ namespace: 'default' });
    expect(secrets.items.map((x) => x.metadata?.name)).toEqual(['s1']);
  });
});
