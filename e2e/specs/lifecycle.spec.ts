import { RawEngine } from '../env/raw-engine';
import { composeLabels, runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { LifecyclePage } from '../pages/lifecycle-page';

const BUSYBOX = 'local/busybox:1';
// PID 1 exits at once on TERM (a busybox sleep in the foreground would make every stop wait out its grace).
const QUICK_STOP = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'];

test.describe('lifecycle', () => {
  test('select two containers, Stop: both exit, in the page and on the engine', async ({ ui, docker }) => {
    const run = runId();
    const [one, two, other] = ['one', 'two', 'other'].map((role) => `lc-${role}-${run}`) as [
      string,
      string,
      string,
    ];
    for (const name of [one, two, other]) await docker.run(name, BUSYBOX, [], QUICK_STOP);
    const lifecycle = new LifecyclePage(ui.page, ui.containers);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(run);
    await expect
      .poll(() => ui.containers.statesOf(run))
      .toEqual({
        [one]: 'running',
        [two]: 'running',
        [other]: 'running',
      });
    await lifecycle.select(one, two);
    await expect(lifecycle.bar.getByTestId('selection-count')).toHaveText('2 selected');
    await lifecycle.stopSelected(5);
    await expect(lifecycle.summary).toHaveText('Stop: 2 of 2 done.');
    await expect
      .poll(() => ui.containers.statesOf(run))
      .toEqual({
        [one]: 'exited',
        [two]: 'exited',
        [other]: 'running',
      });
    expect([await docker.state(one), await docker.state(two), await docker.state(other)]).toEqual([
      'exited',
      'exited',
      'running',
    ]);
    await lifecycle.status.getByRole('button', { name: 'Dismiss the results' }).click();
    await expect(lifecycle.status).toHaveCount(0);
  });

  test('Kill with HUP from the row menu reaches a PID 1 that traps it', async ({ ui, docker }) => {
    const name = `lc-hup-${runId()}`;
    await docker.run(name, BUSYBOX, [], ['sh', '-c', 'trap "echo got-hup" HUP; while :; do sleep 1; done']);
    const lifecycle = new LifecyclePage(ui.page, ui.containers);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running');
    await lifecycle.rowAction(name, 'Kill…');
    await lifecycle.killWith('HUP');
    await expect(lifecycle.summary).toHaveText('Kill with HUP: 1 of 1 done.');
    await expect(lifecycle.status.getByTestId('bulk-done')).toHaveText(`${name}: sent SIGHUP`);
    await expect.poll(() => docker.docker('logs', name), { timeout: 10_000 }).toContain('got-hup');
    expect(await docker.state(name)).toBe('running');
  });

  test('Remove names the anonymous volume and the writable layer size, and removes both once confirmed', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `lc-rm-${runId()}`;
    const id = await docker.run(
      name,
      BUSYBOX,
      ['-v', '/data'],
      ['sh', '-c', 'head -c 65536 /dev/zero > /big; echo x > /data/x; sleep 3600'],
    );
    const engine = new RawEngine(env.dockerSocketPath);
    try {
      const { value } = await engine.json<{ Mounts: { Name: string; Destination: string }[] }>(
        'GET',
        `/containers/${id}/json`,
      );
      const volume = value.Mounts.find((m) => m.Destination === '/data')!.Name;
      const filters = encodeURIComponent(JSON.stringify({ id: [id] }));
      const sizeRw = async () =>
        (await engine.json<{ SizeRw?: number }[]>('GET', `/containers/json?all=1&size=1&filters=${filters}`))
          .value[0]?.SizeRw ?? 0;
      await expect.poll(sizeRw).toBe(65_536);

      const lifecycle = new LifecyclePage(ui.page, ui.containers);
      await ui.containers.waitForTable();
      await ui.containers.filterBy(name);
      await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running');
      await lifecycle.rowAction(name, 'Remove…');
      const item = lifecycle.removeItem(name);
      await expect(item.getByTestId('remove-writable')).toContainText('64.0 KiB');
      const volumeLine = item.locator(`[data-testid="remove-volume"][data-volume="${volume}"]`);
      await expect(volumeLine).toContainText(`Anonymous volume ${volume.slice(0, 12)} at /data`);
      await expect(volumeLine).toHaveAttribute('data-fate', 'kept');

      const confirm = lifecycle.removeDialog.getByTestId('remove-confirm');
      await lifecycle.removeDialog.getByTestId('remove-volumes').check();
      await expect(volumeLine).toHaveAttribute('data-fate', 'removed');
      await expect(lifecycle.removeDialog.getByTestId('remove-summary')).toHaveText(
        'This cannot be undone. Lost: 64.0 KiB of writable layers and 1 anonymous volume (size unknown).',
      );
      // Running: nothing happens until force is ticked, and nothing until the click.
      await expect(confirm).toBeDisabled();
      await expect(lifecycle.removeDialog.getByText('stops them first (SIGKILL)')).toBeVisible();
      await lifecycle.removeDialog.getByTestId('remove-force').check();
      expect((await engine.json('GET', `/containers/${id}/json`)).status).toBe(200);
      await confirm.click();

      await expect(lifecycle.summary).toHaveText('Remove with anonymous volumes: 1 of 1 done.');
      await expect(ui.containers.row(name)).toHaveCount(0);
      expect((await engine.json('GET', `/containers/${id}/json`)).status).toBe(404);
      expect((await engine.json('GET', `/volumes/${volume}`)).status).toBe(404);
    } finally {
      engine.close();
    }
  });

  test('Group by project shows a compose project, and its Stop stops both of its containers', async ({
    ui,
    docker,
  }) => {
    const run = runId();
    const project = `lc-proj-${run}`;
    const [web, api] = [`lc-web-${run}`, `lc-api-${run}`];
    await docker.run(web, BUSYBOX, composeLabels(project, 'web'), QUICK_STOP);
    await docker.run(api, BUSYBOX, composeLabels(project, 'api'), QUICK_STOP);
    const lifecycle = new LifecyclePage(ui.page, ui.containers);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(run);
    await expect.poll(() => ui.containers.statesOf(run)).toEqual({ [web]: 'running', [api]: 'running' });
    await lifecycle.groupByProject.check();
    const group = lifecycle.group(project);
    await expect(group).toContainText(project);
    await expect(group.getByTestId('group-counts')).toHaveText('2 of 2 running');
    await group.getByTestId('group-stop').click();
    await expect(lifecycle.summary).toHaveText('Stop: 2 of 2 done.');
    await expect(group.getByTestId('group-counts')).toHaveText('0 of 2 running');
    expect([await docker.state(web), await docker.state(api)]).toEqual(['exited', 'exited']);
    await group.getByRole('button', { name: `Collapse ${project}` }).click();
    await expect(ui.containers.rows).toHaveCount(0);
    await expect(group).toHaveAttribute('aria-expanded', 'false');
  });

  test('the Unhealthy filter shows only the container whose health check fails', async ({ ui, docker }) => {
    const run = runId();
    const [sick, fine] = [`lc-sick-${run}`, `lc-fine-${run}`];
    const health = (cmd: string) => ['--health-cmd', cmd, '--health-interval', '1s', '--health-retries', '1'];
    await docker.run(sick, BUSYBOX, health('false'), ['sleep', '3600']);
    await docker.run(fine, BUSYBOX, health('true'), ['sleep', '3600']);
    const lifecycle = new LifecyclePage(ui.page, ui.containers);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(run);
    await expect(ui.containers.row(sick)).toHaveAttribute('data-health', 'unhealthy', { timeout: 30_000 });
    await expect(ui.containers.row(fine)).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
    await lifecycle.chip('unhealthy').click();
    await expect(lifecycle.chip('unhealthy')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => ui.containers.rowNames()).toEqual([sick]);
    await lifecycle.chip('healthy').click();
    await expect.poll(() => ui.containers.rowNames()).toEqual([fine]);
    // The text filter's health: term does the same.
    await lifecycle.chip('all').click();
    await ui.containers.filterBy(`${run} health:unhealthy`);
    await expect.poll(() => ui.containers.rowNames()).toEqual([sick]);
  });
});
