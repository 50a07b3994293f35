import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import { startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { Cluster } from '../../shared/contract';
import { startIntCore, type IntCore } from '../testing/int-core';
import { rejection } from '../testing/rejection';

// A cluster behind a bastion: the simulator's API server reached through an SSH connection Bosun keeps
// for an engine on that host. Killing that sshd must take the cluster down with it: the proof that its
// traffic really goes through the tunnel.
const env = testEnv();
const ID = 'kube-bosun-sim';
let sim: KubeSim;
let sshd: ThrowawaySshd;
let t: IntCore;
let bastion: string;

async function cluster(): Promise<Cluster> {
  const found = (await t.client.call('kube.clusters.list', {})).find((c) => c.id === ID);
  if (!found) throw new Error('no cluster');
  return found;
}

async function until(state: Cluster['status']['state'], ms = 15_000): Promise<Cluster> {
  const deadline = Date.now() + ms;
  for (;;) {
    const current = await cluster();
    if (current.status.state === state) return current;
    if (Date.now() > deadline)
      throw new Error(
        `the cluster is ${current.status.state} (${current.status.reason ?? ''}), not ${state}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  sshd = await startThrowawaySshd(env);
  t = await startIntCore({ KUBECONFIG: sim.kubeconfigPath });
  const added = await t.client.call('connections.add', {
    name: 'bastion',
    endpoint: `ssh://${env.ssh.user}@127.0.0.1:${sshd.port}`,
    identityFile: env.ssh.keyPath,
    remoteSocket: env.ssh.remoteDockerSocketPath,
    acceptHostKey: sshd.hostFingerprint,
  });
  bastion = added.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await sshd?.dispose();
  await sim?.stop();
}, 60_000);

describe('a cluster reached through an SSH bastion', () => {
  it('refuses a tunnel through a connection that is not ssh://, or that does not exist', async () => {
    await until('connected');
    const local = await rejection(
      t.client.call('kube.clusters.setTunnel', { clusterId: ID, via: 'docker-host' }),
    );
    expect(local).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(local.message).toContain('not an ssh:// connection');
    const missing = await rejection(t.client.call('kube.clusters.setTunnel', { clusterId: ID, via: 'nope' }));
    expect(missing.message).toContain('no connection "nope"');
    expect((await cluster()).via).toBeUndefined();
  });

  it('lists pods through the tunnel, goes down with the sshd, and comes back with it', async () => {
    const set = await t.client.call('kube.clusters.setTunnel', { clusterId: ID, via: bastion });
    expect(set.via).toBe(bastion);
    await until('connected');
    const before = sshd.sessionProcesses();
    expect(before).toBeGreaterThan(0);
    await sim.createPod('default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'through-bastion' },
      spec: { containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }] },
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = (await t.client.call('kube.pods.list', { clusterIds: [ID] })).rows;
      if (rows.some((row) => row.name === 'through-bastion')) break;
      if (Date.now() > deadline) throw new Error('the pod did not show up through the tunnel');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await sshd.kill();
    const lost = await until('reconnecting');
    expect(lost.status.reason).toBeTruthy();
    await sshd.start();
    await until('connected');
    // One SSH connection for the engine and the cluster, as before the drop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sshd.sessionProcesses()).toBe(before);

    // Directly again: the sshd no longer matters to the cluster.
    const direct = await t.client.call('kube.clusters.setTunnel', { clusterId: ID, via: null });
    expect(direct.via).toBeUndefined();
    await until('connected');
    await sshd.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await cluster()).status.state).toBe('connected');
    await sshd.start();
  });
});
