// Pod logs and RBAC through the real @kubernetes/client-node: timestamps, tail, follow, previous;
// SelfSubjectAccessReview and the 403 Forbidden of the real endpoints.
import * as k8s from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, expectStatus, startSimClients, waitFor, type SimClients } from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients();
});

afterAll(async () => {
  await s?.close();
});

describe('kube-sim logs and RBAC', () => {
  it('serves logs with timestamps, tail and follow (ending when the container stops)', async () => {
    // The restarted run (same container filesystem) stays quiet, so tail and previous are deterministic.
    await s.core.createNamespacedPod({
      namespace: 'default',
      body: busyboxPod(
        'logger',
        '[ -f /tmp/ran ] && exec sleep 3600; touch /tmp/ran; for i in 1 2 3; do echo line-$i; sleep 0.3; done; echo err >&2; sleep 1.5',
      ),
    });
    await waitFor(
      'pod running',
      async () =>
        (await s.core.readNamespacedPod({ name: 'logger', namespace: 'default' })).status?.phase ===
          'Running' || undefined,
    );
    const previous = await expectStatus(
      s.core.readNamespacedPodLog({ name: 'logger', namespace: 'default', previous: true }),
    );
    expect(previous).toMatchObject({
      code: 400,
      message: expect.stringContaining('previous terminated container'),
    });
    const log = new k8s.Log(s.kc);
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const ended = new Promise<void>((resolve) => out.on('end', resolve));
    await log.log('default', 'logger', 'main', out, { follow: true, timestamps: true });
    await ended;
    const lines = text.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['line-1', 'line-2', 'line-3', 'err']);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const tail = await s.core.readNamespacedPodLog({ name: 'logger', namespace: 'default', tailLines: 1 });
    expect(tail).toBe('err\n');
    const exited = await waitFor('pod completed', async () => {
      const pod = await s.core.readNamespacedPod({ name: 'logger', namespace: 'default' });
      return pod.status?.containerStatuses?.[0]?.restartCount === 1 ||
        pod.status?.containerStatuses?.[0]?.lastState?.terminated
        ? pod
        : undefined;
    });
    expect(exited.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(0);
    const before = await s.core.readNamespacedPodLog({
      name: 'logger',
      namespace: 'default',
      previous: true,
    });
    expect(before).toBe('line-1\nline-2\nline-3\nerr\n');
  });

  it('answers SelfSubjectAccessReview from the deny rules and forbids the real endpoint', async () => {
    s.sim.setDeny([
      { verb: 'create', resource: 'pods', subresource: 'exec' },
      { verb: 'list', resource: 'secrets', namespace: 'default' },
    ]);
    try {
      const review = (
        verb: string,
        resource: string,
        subresource?: string,
      ): Promise<k8s.V1SelfSubjectAccessReview> =>
        s.authz.createSelfSubjectAccessReview({
          body: { spec: { resourceAttributes: { namespace: 'default', verb, resource, subresource } } },
        });
      expect((await review('create', 'pods', 'exec')).status?.allowed).toBe(false);
      expect((await review('get', 'pods')).status?.allowed).toBe(true);
      expect((await review('list', 'secrets')).status?.allowed).toBe(false);
      const forbidden = await expectStatus(s.core.listNamespacedSecret({ namespace: 'default' }));
      expect(forbidden).toMatchObject({
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message:
          'secrets is forbidden: User "bosun-sim" cannot list resource "secrets" in API group "" in the namespace "default"',
      });
      const execDenied = await expectStatus(
        s.core.connectPostNamespacedPodExec({ name: 'logger', namespace: 'default', command: 'sh' }),
      );
      expect(execDenied).toMatchObject({
        code: 403,
        message:
          'pods "logger" is forbidden: User "bosun-sim" cannot create resource "pods/exec" in API group "" in the namespace "default"',
      });
    } finally {
      s.sim.setDeny([]);
    }
  });
});
