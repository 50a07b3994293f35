import { runId } from '../fixtures/names';
import { openDetailsTab } from '../pages/details-pane';
import { expect, test } from '../fixtures/test';

const BUSY = ['sh', '-c', 'while :; do :; done'];

test.describe('stats', () => {
  test('the Stats tab of a running container charts its CPU and memory against its limit', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `stats-busy-${runId()}`;
    await docker.run(name, env.images.busybox, ['--memory', '64m'], BUSY);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    const row = ui.containers.row(name);
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await openDetailsTab(ui.page, name, 'Stats');
    const details = ui.page.getByTestId('details');

    const cpu = details.getByTestId('chart-cpu');
    await expect(cpu).toBeVisible({ timeout: 15_000 });
    // A busy loop keeps about one CPU busy: the value is well above zero.
    await expect
      .poll(async () => parseFloat((await cpu.getByTestId('chart-cpu-cpu').textContent()) ?? '0'), {
        timeout: 15_000,
      })
      .toBeGreaterThan(20);
    await expect(cpu.getByRole('img')).toHaveAttribute(
      'aria-label',
      /CPU over the last [\d.]+ min: now CPU [\d.]+ %/,
    );
    await expect(cpu.getByTestId('chart-cpu-line-cpu')).toHaveAttribute('d', /^M/);

    const memory = details.getByTestId('chart-memory');
    await expect(memory.getByTestId('chart-memory-used')).toContainText('of 64.0 MiB');
    await expect(memory.getByTestId('chart-memory-limit')).toBeAttached();
    await expect(details.getByTestId('chart-network')).toBeVisible();
    await expect(details.getByTestId('chart-block')).toBeVisible();
  });

  test('the table shows a CPU sparkline and memory percent for visible running rows only', async ({
    ui,
    docker,
    env,
  }) => {
    const id = runId();
    const busy = `stats-row-busy-${id}`;
    const stopped = `stats-row-stopped-${id}`;
    await docker.run(busy, env.images.busybox, [], BUSY);
    await docker.create(stopped, env.images.busybox, [], ['sleep', '3600']);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(id);

    const spark = ui.containers.row(busy).getByTestId('stats-sparkline');
    await expect(spark).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
    await expect(spark.locator('path')).toHaveAttribute('d', /^M/);
    await expect(spark).toHaveAttribute('aria-label', /CPU [\d.]+ %, memory /);
    await expect
      .poll(async () => parseInt((await spark.getByTestId('spark-cpu').textContent()) ?? '0', 10), {
        timeout: 15_000,
      })
      .toBeGreaterThan(20);
    await expect(ui.containers.row(stopped)).toBeVisible();
    await expect(ui.containers.row(stopped).getByTestId('stats-sparkline')).toHaveCount(0);
  });
});
