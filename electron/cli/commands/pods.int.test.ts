import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../../e2e/env/kube-sim';
import { testEnv } from '../../../e2e/env/test-env';
import type { PodRow } from '../../shared/contract';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
let sim: KubeSim;
let home: string;
let uid: string;

const bosun = (args: string[]) =>
  runBosun(args, { home, dockerHost: env.dockerHost, extra: { KUBECONFIG: sim.kubeconfigPath } });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-pods-'));
  sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  const pod = (await sim.createPod('default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cli-pod' },
    spec: { containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }] },
  })) as { metadata: { uid: string } };
  uid = pod.metadata.uid;
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await rm(home, { recursive: true, force: true });
}, 60_000);

describe('bosun pods', () => {
  it('--json prints the pods of the context, as the server has them', async () => {
    const result = await bosun(['pods', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as PodRow[];
    expect(rows.find((r) => r.uid === uid)).toMatchObject({
      clusterId: 'kube-bosun-sim',
      namespace: 'default',
      name: 'cli-pod',
      ready: '1/1',
      status: 'Running',
    });
    expect(rows.every((r) => r.namespace === 'default')).toBe(true);
  }, 60_000);

  it('prints a kubectl-like table, -A across namespaces, and names an unknown context', async () => {
    const table = await bosun(['pods', '-A', '--context', 'bosun-sim']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(table.stdout).toMatch(/default\s+cli-pod\s+1\/1\s+Running\s+0\s+\d+s/);
    const unknown = await bosun(['pods', '--context', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No context "nope" in your kubeconfig (known: bosun-sim)');
  }, 60_000);
});
