import { startKubeSim, type KubeSim } from '../env/kube-sim';
import { testEnv } from '../env/test-env';
import { runId } from '../fixtures/names';
import { expect, test as base, type BosunUi } from '../fixtures/test';
import { PodsPage } from '../pages/pods-page';
import { TerminalPanel } from '../pages/terminal-panel';

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

/** A running busybox pod in the simulator, and a shell opened from its row (read through the DOM). */
async function shellInBusyboxPod(ui: BosunUi, prefix: string): Promise<TerminalPanel> {
  const name = `${prefix}-${runId()}`;
  await sim!.createPod('default', {
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }],
    },
  });
  const pods = new PodsPage(ui.page);
  await pods.open();
  const row = pods.row('default', name);
  await expect(row).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  const terminal = new TerminalPanel(ui.page);
  await terminal.openFor(row, name);
  await terminal.useDomRenderer();
  await terminal.waitForShell();
  return terminal;
}

test('pod terminal: a shell in a pod from its row, CJK text and the exit code', async ({ ui }, testInfo) => {
  test.setTimeout(120_000);
  const terminal = await shellInBusyboxPod(ui, 'e2e-shell');
  await expect(terminal.what).toHaveText(/ash as root/);
  await expect(terminal.fix('locale')).toHaveAttribute('data-applied', 'true');

  await terminal.focus();
  await terminal.run('echo 中文');
  await terminal.waitForRow('中文');
  await ui.page.screenshot({ path: testInfo.outputPath('pod-terminal.png') });

  await terminal.run('exit 3');
  await expect(terminal.session).toHaveAttribute('data-phase', 'ended', { timeout: 20_000 });
  await expect(terminal.problem).toContainText('3');
});

test('pod terminal: no Terminal button where RBAC refuses pods/exec, and a tooltip says why', async ({
  ui,
}) => {
  test.setTimeout(120_000);
  sim!.setDeny([{ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'denied' }]);
  const name = `e2e-denied-${runId()}`;
  const kc = await import('@kubernetes/client-node');
  const config = new kc.KubeConfig();
  config.loadFromFile(sim!.kubeconfigPath);
  await config
    .makeApiClient(kc.CoreV1Api)
    .createNamespace({ body: { metadata: { name: 'denied' } } })
    .catch(() => undefined);
  await sim!.createPod('denied', {
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'main', image: 'local/busybox:1', command: ['sleep', '3600'] }],
    },
  });
  try {
    const pods = new PodsPage(ui.page);
    await pods.open();
    const row = pods.row('denied', name);
    await expect(row).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
    await expect(row.getByTestId('pod-terminal-denied')).toHaveAttribute(
      'title',
      /create pods\/exec in denied/,
    );
    await expect(row.getByRole('button', { name: `Open a terminal in ${name}` })).toHaveCount(0);
  } finally {
    sim!.setDeny([]);
  }
});

// The resize always reached the shell; the test typed its `stty size` into the divider it had just
// dragged (the keyboard goes back to the terminal first now).
test('pod terminal: the shell follows the screen when the panel is resized', async ({ ui }) => {
  const terminal = await shellInBusyboxPod(ui, 'e2e-resize');
  await terminal.focus();
  const before = await terminal.size();
  // The shell's TTY follows the screen (polled: the size travels over the exec stream's channel 4).
  await expect
    .poll(
      async () => {
        await terminal.run('stty size');
        return (await terminal.rows()).includes(`${before.rows} ${before.cols}`);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  await terminal.resizePanel(4);
  await expect.poll(async () => (await terminal.size()).rows).toBeGreaterThan(before.rows);
  const after = await terminal.size();
  // Dragging the divider took the keyboard: what is typed next must reach the shell.
  await terminal.focus();
  await expect
    .poll(
      async () => {
        await terminal.run('stty size');
        return (await terminal.rows()).includes(`${after.rows} ${after.cols}`);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
});
