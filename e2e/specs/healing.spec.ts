import { startFaultEngine, type FaultEngine } from '../env/fault-engine';
import { startThrowawaySshd } from '../env/throwaway-sshd';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { LogsPanel } from '../pages/logs-panel';
import { TerminalPanel } from '../pages/terminal-panel';

// An engine of this test's own (the shared one must stay up for every other test), stopped and started
// again under an open UI and terminal, as when Docker restarts for an upgrade.
let fault: FaultEngine;

function tickOf(text: string | undefined): number {
  const match = /^tick-(\d+)$/.exec(text ?? '');
  if (!match) throw new Error(`not a tick line: ${text}`);
  return Number(match[1]);
}

/** "1,234 lines" → 1234. */
async function countOf(logs: LogsPanel): Promise<number> {
  const text = (await logs.count.textContent()) ?? '';
  return Number(/^([\d,]+) lines?/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

test.beforeAll(async ({ env }) => {
  fault = await startFaultEngine(env);
});

test.afterAll(async () => {
  await fault?.dispose();
});

test('an engine that restarts: reconnecting with its reason, rows kept as last seen, back within 5 s, terminal reopened in one click', async ({
  ui,
}, testInfo) => {
  test.setTimeout(120_000);
  const { connections, containers, page } = ui;
  const name = `heal-${runId()}`;
  // PID 1 ignores SIGTERM: --stop-timeout keeps the engine's own stop short.
  await fault.docker(
    'run',
    '-d',
    '--name',
    name,
    '--network',
    'none',
    '--stop-timeout',
    '1',
    'local/busybox:1',
    'sleep',
    '3600',
  );

  await connections.add('Flaky engine', fault.dockerHost);
  const item = connections.item('Flaky engine');
  await expect(item).toHaveAttribute('data-state', 'connected');
  const connectionId = (await item.getAttribute('data-connection')) ?? '';
  const other = page.locator('[data-testid="connection-item"][data-state="connected"]').first();

  await containers.filterBy(name);
  const row = containers.row(name);
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  const terminal = new TerminalPanel(page);
  await terminal.openFor(row, name);
  await terminal.useDomRenderer();
  await terminal.waitForShell();
  await terminal.focus();
  await terminal.run('echo before-$((6*7))');
  await terminal.waitForRow('before-42');

  await fault.stop();
  // Reconnecting, with the reason, a countdown and Retry now; the other engine does not notice.
  await expect(item).toHaveAttribute('data-state', 'reconnecting', { timeout: 5_000 });
  await expect(item.getByTestId('connection-detail')).toContainText('Reconnecting:');
  const banner = containers.engineBanner(connectionId);
  await expect(banner).toHaveAttribute('data-reconnecting', 'true');
  await expect(banner).toContainText('Reconnecting to Flaky engine');
  await expect(banner.getByTestId('reconnecting-note')).toContainText('as last seen');
  await expect(row).toHaveAttribute('data-stale', 'true');
  await expect(other).toBeVisible();
  // The terminal says its session was cut off, keeps its scrollback, and offers Reopen.
  await expect(terminal.problem).toBeVisible({ timeout: 10_000 });
  await expect(terminal.problem.getByRole('button', { name: 'Reopen' })).toBeVisible();
  expect(await terminal.text()).toContain('before-42');
  await testInfo.attach('reconnecting.png', { body: await page.screenshot(), contentType: 'image/png' });

  await fault.start();
  const back = Date.now();
  await expect(item).toHaveAttribute('data-state', 'connected', { timeout: 5_000 });
  console.log(`engine restart: the UI showed connected ${Date.now() - back} ms after the engine answered`);
  await expect(banner).toHaveCount(0);
  // The re-list shows what happened while away: the container stopped with its engine.
  await expect(row).toHaveAttribute('data-state', 'exited');
  await expect(row).not.toHaveAttribute('data-stale', 'true');
  const ids = (await fault.docker('ps', '-aq', '--no-trunc')).trim().split('\n');
  expect(ids).toHaveLength(1);
  await expect(row).toHaveAttribute('data-key', new RegExp(ids[0]!.slice(0, 12)));

  await fault.docker('start', name);
  await expect(row).toHaveAttribute('data-state', 'running');
  await terminal.problem.getByRole('button', { name: 'Reopen' }).click();
  await terminal.waitForShell();
  await terminal.focus();
  await terminal.run('echo after-$((6*7))');
  await terminal.waitForRow('after-42');
  expect(await terminal.text()).toContain('before-42');
});

test('a tunnel that drops: reconnecting through sshd again within 5 s, the log stream resumed without a gap or a repeat', async ({
  ui,
  docker,
  env,
}, testInfo) => {
  test.setTimeout(120_000);
  const sshd = await startThrowawaySshd(env);
  try {
    const { connections, page } = ui;
    const name = `tick-${runId()}`;
    await docker.run(
      name,
      env.images.busybox,
      [],
      // 1,200 lines at once (more than the viewer's default tail of 1,000), then ten a second.
      [
        'sh',
        '-c',
        'i=0; while [ $i -lt 1200 ]; do i=$((i+1)); echo tick-$i; done; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done',
      ],
    );

    await connections.add('Tunnel', `ssh://${env.ssh.user}@127.0.0.1:${sshd.port}`, {
      identityFile: env.ssh.keyPath,
      remoteSocket: env.ssh.remoteDockerSocketPath,
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Trust and connect' }).click();
    const item = connections.item('Tunnel');
    await expect(item).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    const id = await item.getAttribute('data-connection');

    // The same engine is also the local one: the row that counts is the one reached through SSH.
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    const row = page.locator(`[data-testid="container-row"][data-name="${name}"][data-connection="${id}"]`);
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await row.click();
    await page.getByTestId('details').getByRole('tab', { name: 'Logs' }).click();
    const logs = new LogsPanel(page);
    await logs.waitForLine('tick-1205');
    // What the viewer holds before the drop: the last 1,000 lines then, up to tick-k.
    await docker.docker('pause', name);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heldBefore = await countOf(logs);
    const firstHeld = tickOf((await logs.texts()).at(-1)) - heldBefore + 1;
    expect(firstHeld).toBeGreaterThan(1);
    await docker.docker('unpause', name);

    await sshd.kill();
    await expect(item).toHaveAttribute('data-state', 'reconnecting', { timeout: 5_000 });
    await expect(item.getByTestId('connection-detail')).toContainText('127.0.0.1');
    const ended = logs.panel.getByTestId('log-ended');
    await expect(ended).toHaveAttribute('data-reason', 'engine-lost', { timeout: 10_000 });
    await expect(ended).toContainText('interrupted');
    await testInfo.attach('tunnel-lost.png', { body: await page.screenshot(), contentType: 'image/png' });
    // Lines keep coming on the engine while the tunnel is down: Resume must fetch them too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    await sshd.start();
    const back = Date.now();
    await expect(item).toHaveAttribute('data-state', 'connected', { timeout: 5_000 });
    console.log(`sshd restart: the UI showed connected ${Date.now() - back} ms after sshd answered`);
    await ended.getByRole('button', { name: 'Resume' }).click();
    await expect(ended).toHaveCount(0);
    // Frozen so the count and the last line can be read together: tick-N as the last line and N lines
    // held means every tick arrived exactly once (the log starts at tick-1).
    await docker.docker('pause', name);
    // Lines already on their way still land; then nothing moves.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const last = tickOf((await logs.texts()).at(-1));
    // Still from the same first line (a fresh start would hold the last 1,000 again), every tick since
    // exactly once: the count is the span.
    expect(await countOf(logs)).toBe(last - firstHeld + 1);
    expect(last - firstHeld + 1).toBeGreaterThan(heldBefore);
    await docker.docker('unpause', name);
  } finally {
    await sshd.dispose();
  }
});
