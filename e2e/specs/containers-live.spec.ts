import { performance } from 'node:perf_hooks';
import { composeLabels, runId } from '../fixtures/names';
import { readmeScreenshot } from '../fixtures/readme-screenshot';
import { expect, test } from '../fixtures/test';

const BUSYBOX = 'local/busybox:1';
const NGINX = 'local/debian-nginx:1';

test('shows the containers of the test engine, and follows docker run, stop and rm live', async ({
  ui,
  docker,
}, testInfo) => {
  const run = runId();
  const name = (role: string): string => `${role}-${run}`;
  await docker.run(name('web'), NGINX, ['-p', '127.0.0.1::80', ...composeLabels('shop', 'web')]);
  await docker.run(
    name('api'),
    BUSYBOX,
    ['--health-cmd', 'true', '--health-interval', '1s', ...composeLabels('shop', 'api')],
    ['sleep', '3600'],
  );
  await docker.run(name('worker'), BUSYBOX, composeLabels('shop', 'worker'), ['sleep', '3600']);
  await docker.docker('pause', name('worker'));
  await docker.run(name('migrate'), BUSYBOX, composeLabels('shop', 'migrate'), ['true']);
  await docker.create(name('cache'), NGINX);
  await expect.poll(() => docker.state(name('migrate'))).toBe('exited');

  // The engine's own list of this run's containers is what the page must show.
  const engine = Object.fromEntries((await docker.list(`-${run}$`)).map((c) => [c.name, c.state]));
  expect(engine).toMatchObject({ [name('worker')]: 'paused', [name('cache')]: 'created' });
  expect(Object.keys(engine)).toHaveLength(5);
  await ui.containers.waitForTable();
  await ui.containers.filterBy(run);
  await expect.poll(() => ui.containers.statesOf(run)).toEqual(engine);
  await expect(ui.containers.row(name('web')).getByTestId('cell-ports')).toHaveText(
    /^127\.0\.0\.1:\d+→80\/tcp$/,
  );
  await expect(ui.containers.row(name('web'))).toContainText('shop');
  await expect(ui.containers.row(name('api'))).toHaveAttribute('data-health', 'healthy', { timeout: 20_000 });

  // Live: the page must follow the engine without a reload.
  await ui.page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
  const timings: string[] = [];
  const measure = async (what: string, action: () => Promise<unknown>, seen: () => Promise<void>) => {
    const started = performance.now();
    await action();
    const returned = performance.now();
    await seen();
    const visible = performance.now();
    const line = `${what}: visible ${Math.round(visible - returned)} ms after the docker CLI returned (${Math.round(visible - started)} ms after it started)`;
    timings.push(line);
    console.log(line);
  };
  const live = name('live');
  await measure(
    'docker run',
    () => docker.run(live, BUSYBOX, [], ['sleep', '3600']),
    () => expect(ui.containers.row(live)).toHaveAttribute('data-state', 'running'),
  );
  await measure(
    'docker stop',
    () => docker.stop(live),
    () => expect(ui.containers.row(live)).toHaveAttribute('data-state', 'exited'),
  );
  await measure(
    'docker rm',
    () => docker.remove(live),
    () => expect(ui.containers.row(live)).toHaveCount(0),
  );
  expect(
    await ui.page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);
  await testInfo.attach('live-update-timings.txt', { body: timings.join('\n'), contentType: 'text/plain' });

  // The picture in the README: the whole view, unfiltered, as a user first sees it.
  await ui.containers.filterBy('');
  await ui.containers.filter.press('Escape');
  await expect(ui.containers.filter).not.toBeFocused();
  await expect(ui.containers.count).toHaveText(/\d+ containers?$/);
  await ui.page.mouse.move(0, 0);
  await readmeScreenshot(ui.page, testInfo, 'containers.png');
});
