import * as k8s from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '../env/kube-sim';
import { testEnv } from '../env/test-env';
import { runId } from '../fixtures/names';
import { expect, test as base } from '../fixtures/test';
import { PodsPage } from '../pages/pods-page';

let sim: KubeSim | undefined;

// Every test's `bosun web` reads the simulator's kubeconfig, and nothing of this machine's.
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
  bosunEnv: async ({}, use) => {
    if (!sim) throw new Error('The Kubernetes simulator did not start (see beforeAll).');
    await use({ KUBECONFIG: sim.kubeconfigPath });
  },
});

test.beforeAll(async () => {
  sim = await startKubeSim({ dockerSocketPath: testEnv().dockerSocketPath });
});

test.afterAll(async () => {
  await sim?.stop();
  sim = undefined;
});

test('pods: a pod created in the simulator appears live, Running, and goes when it is deleted', async ({
  ui,
}, testInfo) => {
  test.setTimeout(120_000);
  const current = sim!;
  const name = `e2e-sleep-${runId()}`;
  const pods = new PodsPage(ui.page);
  await pods.open();

  // Opening the view connects the cluster: its header says so, with the server.
  const cluster = pods.cluster('kube-bosun-sim');
  await expect(cluster).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(cluster).toContainText(current.server);

  await current.createPod('default', {
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }],
    },
  });
  const row = pods.row('default', name);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await expect(row).toContainText('1/1');
  await pods.filter.fill(name);
  await expect(pods.count).toHaveText(/^1 of \d+$/);
  await ui.page.screenshot({ path: testInfo.outputPath('pods.png') });

  const config = new k8s.KubeConfig();
  config.loadFromFile(current.kubeconfigPath);
  await config.makeApiClient(k8s.CoreV1Api).deleteNamespacedPod({ name, namespace: 'default' });
  await expect(row).toHaveCount(0, { timeout: 30_000 });

  // The watch is cut mid-stream: Bosun resumes it, and a pod made meanwhile still shows up live.
  const after = `e2e-after-${runId()}`;
  current.dropWatches();
  await current.createPod('default', {
    metadata: { name: after },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }],
    },
  });
  await pods.filter.fill(after);
  await expect(pods.row('default', after)).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
});
