import { readFile } from 'node:fs/promises';
import { runId } from '../fixtures/names';
import { readmeScreenshot } from '../fixtures/readme-screenshot';
import { expect, test } from '../fixtures/test';
import { LogsPanel } from '../pages/logs-panel';

// Coloured stdout, a stderr line, five lines to search; then a new line each time /tmp/go appears, so
// the test decides when the followed stream gets one.
const SCRIPT = [
  "printf '\\033[31mred alert\\033[0m plain\\n'",
  "printf '\\033[1;32mgreen ok\\033[0m\\n'",
  "echo 'error: disk on fire' >&2",
  'for i in 1 2 3 4 5; do echo "line $i needle"; done',
  'while true; do if [ -f /tmp/go ]; then rm /tmp/go; echo "fresh line after follow"; fi; sleep 0.2; done',
].join('; ');

test.describe('logs', () => {
  test('shows coloured stdout and marked stderr, finds and steps through matches, follows, downloads', async ({
    ui,
    docker,
    env,
  }, testInfo) => {
    const name = `logs-${runId()}`;
    await docker.run(name, env.images.busybox, [], ['sh', '-c', SCRIPT]);
    const logs = new LogsPanel(ui.page);
    await logs.useDownloadLinks();
    await ui.page.reload();

    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await logs.openFor(name);

    // Colours rendered as styled spans; the stderr line marked.
    const red = await logs.waitForLine('red alert plain');
    await expect(red.locator('.ansi-fg-1', { hasText: 'red alert' })).toHaveCSS('color', 'rgb(207, 34, 46)');
    const green = await logs.waitForLine('green ok');
    await expect(green.locator('.ansi-fg-2.ansi-bold')).toHaveCSS('font-weight', '700');
    const stderr = await logs.waitForLine('error: disk on fire');
    await expect(stderr).toHaveAttribute('data-stream', 'stderr');
    await expect(stderr.getByRole('img', { name: 'stderr' })).toBeVisible();
    await expect(red).toHaveAttribute('data-stream', 'stdout');
    await logs.waitForLine('line 5 needle');
    await readmeScreenshot(ui.page, testInfo, 'logs.png');

    // Following: a line written now shows up.
    await expect(logs.followToggle).toHaveAttribute('aria-pressed', 'true');
    await docker.docker('exec', name, 'touch', '/tmp/go');
    await logs.waitForLine('fresh line after follow');

    // Search: counts, then steps through the matches.
    await logs.find('NEEDLE');
    await expect(logs.searchCount).toHaveText('5 matches');
    await expect(logs.panel.locator('mark.log-match')).toHaveCount(5);
    await logs.nextMatch();
    await expect(logs.searchCount).toHaveText('1 of 5');
    await expect(logs.currentMatchLine()).toHaveText(/line 1 needle/);
    await logs.nextMatch();
    await expect(logs.searchCount).toHaveText('2 of 5');
    await expect(logs.currentMatchLine()).toHaveText(/line 2 needle/);

    // Download: the whole log, as a file, the lines unchanged on screen.
    const download = await logs.download();
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}-\\d{6}\\.log$`));
    const text = await readFile(await download.path(), 'utf8');
    const fileLines = text.split('\n');
    expect(fileLines).toContain('\u001b[31mred alert\u001b[0m plain');
    expect(fileLines).toContain('error: disk on fire');
    expect(fileLines).toContain('line 5 needle');
    expect(fileLines).toContain('fresh line after follow');
    expect(text.endsWith('\n')).toBe(true);
    await expect(logs.downloadStrip).toHaveAttribute('data-phase', 'done');
    await expect(logs.downloadStrip).toContainText(/Saved \d+ lines/);
    expect(await logs.texts()).toContain('red alert plain');
  });

  test('scrolling up pauses following; the top pages back earlier lines without moving the view', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `logs-page-${runId()}`;
    await docker.run(name, env.images.busybox, [], ['sh', '-c', 'seq 1 3000; sleep 3600']);
    const logs = new LogsPanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await logs.openFor(name);
    await logs.waitForLine('3000');
    await expect(logs.count).toHaveText('1,000 lines');
    await expect(logs.line('3000')).toBeInViewport();

    await logs.list.focus();
    await logs.list.press('PageUp');
    await expect(logs.followToggle).toHaveAttribute('aria-pressed', 'false');

    // Home reaches the top: the 1,000 lines before 2001 come in above it, and 2001 stays in view.
    await logs.list.press('Home');
    await expect(logs.count).toHaveText('2,000 lines');
    await expect(logs.line('2001')).toBeInViewport();
    await expect(logs.line('1001')).not.toBeInViewport();

    await logs.list.press('End');
    await expect(logs.followToggle).toHaveAttribute('aria-pressed', 'true');
    await expect(logs.line('3000')).toBeInViewport();
  });
});
