import { existsSync } from 'node:fs';
import { chromiumMajor } from '../fixtures/chromium';
import { composeLabels } from '../fixtures/names';
import { expect, test } from '../fixtures/test';

const BUSYBOX = 'local/busybox:1';
const NGINX = 'local/debian-nginx:1';
// Fixed names and a fixed port: the picture must be the same on every run. Leftovers of an earlier,
// interrupted run are removed first.
const NAMES = ['shot-web', 'shot-api', 'shot-worker', 'shot-migrate', 'shot-cache'];
const PORT = 47081;

test('screenshot check: the table of known containers looks as it did', async ({ ui, docker }, testInfo) => {
  // Baselines live per Chromium major (playwright.config.ts). Without one for this browser, say so plainly
  // rather than letting Playwright write a picture nobody looked at.
  const baseline = testInfo.snapshotPath('containers-table.png', { kind: 'screenshot' });
  const updating = ['all', 'changed', 'missing'].includes(testInfo.config.updateSnapshots);
  if (!existsSync(baseline) && !updating) {
    throw new Error(
      `No baseline for Chromium ${chromiumMajor()}: re-run with --update-snapshots, look at the new ${baseline}, and commit it.`,
    );
  }
  await docker.docker('rm', '-f', ...NAMES).catch(() => undefined);
  await docker.run('shot-web', NGINX, ['-p', `127.0.0.1:${PORT}:80`, ...composeLabels('shop', 'web')]);
  await docker.run(
    'shot-api',
    BUSYBOX,
    ['--health-cmd', 'true', '--health-interval', '1s', ...composeLabels('shop', 'api')],
    ['sleep', '3600'],
  );
  await docker.run('shot-worker', BUSYBOX, composeLabels('shop', 'worker'), ['sleep', '3600']);
  await docker.docker('pause', 'shot-worker');
  await docker.run('shot-migrate', BUSYBOX, composeLabels('shop', 'migrate'), ['true']);
  await docker.create('shot-cache', NGINX);

  const { containers, page } = ui;
  await containers.waitForTable();
  await containers.filterBy('shot-');
  const expected = {
    'shot-web': 'running',
    'shot-api': 'running',
    'shot-worker': 'paused',
    'shot-migrate': 'exited',
    'shot-cache': 'created',
  };
  await expect.poll(() => containers.statesOf('shot-'), { timeout: 20_000 }).toEqual(expected);
  await expect(containers.row('shot-api')).toHaveAttribute('data-health', 'healthy', { timeout: 20_000 });
  await expect(containers.count).toHaveText(/^5 of \d+$/);

  await page.mouse.move(0, 0);
  // The header and the five rows only: empty space below them would dilute maxDiffPixelRatio until one
  // recoloured badge fitted under it.
  await expect(page).toHaveScreenshot('containers-table.png', {
    clip: await containers.tableContentBox(),
    // Status text, ids and live stats change from run to run; everything else is fixed. The whole stats
    // cell is masked: the sparkline inside it is narrower while its first sample is on the way.
    mask: [page.getByTestId('cell-status'), page.getByTestId('cell-id'), page.getByTestId('cell-stats')],
  });
});
