// The router's side of the stream subresources and ephemeral containers, through the real
// @kubernetes/client-node Exec: auth/RBAC/container checks answer a Status, then the stream runs.
import * as k8s from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, expectStatus, startSimClients, waitFor, type SimClients } from './test-support';

let s: SimClients;

beforeAll(async () => {
  s = await startSimClients();
  await s.core.createNamespacedPod({ namespace: 'default', body: busyboxPod('box', 'sleep 3600') });
  await waitFor(
    'box running',
    async () =>
      (await s.core.readNamespacedPod({ name: 'box', namespace: 'default' })).status?.phase === 'Running' ||
      undefined,
  );
});

afterAll(async () => {
  await s?.close();
});

async function exec(container: string, command: string[]): Promise<{ out: string; status: k8s.V1Status }> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const status = await new Promise<k8s.V1Status>((resolve, reject) => {
    new k8s.Exec(s.kc)
      .exec('default', 'box', container, command, out, out, null, false, (st) => resolve(st))
      .catch(reject);
  });
  return { out: text, status };
}

describe('kube-sim stream routing', () => {
  it('execs into a pod container, and refuses unknown containers and denied users', async () => {
    const ok = await exec('main', ['sh', '-c', 'echo hello-$((1+1))']);
    expect(ok.status.status).toBe('Success');
    expect(ok.out).toBe('hello-2\n');
    await expect(exec('nope', ['true'])).rejects.toThrow(/400/);
    s.sim.setDeny([{ verb: 'create', resource: 'pods', subresource: 'exec' }]);
    try {
      await expect(exec('main', ['true'])).rejects.toThrow(/403/);
    } finally {
      s.sim.setDeny([]);
    }
  });

  it('adds an ephemeral container that runs beside the target, and refuses to change or remove it', async () => {
    const patched = await s.core.patchNamespacedPodEphemeralcontainers(
      {
        name: 'box',
        namespace: 'default',
        body: {
          spec: {
            ephemeralContainers: [
              {
                name: 'debugger',
                image: 'local/busybox:1',
                command: ['sleep', '3600'],
                targetContainerName: 'main',
                stdin: true,
                tty: true,
              },
            ],
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(patched.spec?.ephemeralContainers?.map((c) => c.name)).toEqual(['debugger']);
    const running = await waitFor('ephemeral running', async () => {
      const pod = await s.core.readNamespacedPod({ name: 'box', namespace: 'default' });
      const st = pod.status?.ephemeralContainerStatuses?.find((c) => c.name === 'debugger');
      return st?.state?.running ? st : undefined;
    });
    expect(running.containerID).toMatch(/^docker:\/\//);
    const ps = await exec('debugger', ['sh', '-c', 'ps -o comm | grep -c "sleep"']);
    expect(Number(ps.out.trim())).toBeGreaterThanOrEqual(2);

    const removed = await expectStatus(
      s.core.replaceNamespacedPodEphemeralcontainers({
        name: 'box',
        namespace: 'default',
        body: {
          metadata: { name: 'box' },
          spec: { containers: [{ name: 'main', image: 'local/busybox:1' }], ephemeralContainers: [] },
        },
      }),
    );
    expect(removed).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: expect.stringContaining('may not be removed'),
    });
    const changed = await expectStatus(
      s.core.patchNamespacedPodEphemeralcontainers(
        {
          name: 'box',
          namespace: 'default',
          body: { spec: { ephemeralContainers: [{ name: 'debugger', image: 'local/debian-nginx:1' }] } },
        },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(changed).toMatchObject({ code: 422, message: expect.stringContaining('may not be changed') });
  });
});
