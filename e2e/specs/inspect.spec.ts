import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { InspectPanel } from '../pages/inspect-panel';

const MASK = '********';

test.describe('inspect', () => {
  test('masks a secret env var, reveals it on request, finds it in the raw JSON and copies what is shown', async ({
    ui,
    docker,
    env,
  }) => {
    await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = `inspect-${runId()}`;
    const password = `hunter2-${runId()}`;
    await docker.run(
      name,
      env.images.busybox,
      [
        '-e',
        `DB_PASSWORD=${password}`,
        '-e',
        'DATABASE_URL=postgres://app:s3cret@db:5432/shop',
        '-e',
        'KEYBOARD_LAYOUT=us',
        '--restart',
        'on-failure:3',
      ],
      ['sleep', '3600'],
    );
    const inspect = new InspectPanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await inspect.openFor(name);

    // Masked by default, in the summary and nowhere else on the page.
    await expect(inspect.envValue('DB_PASSWORD')).toHaveText(MASK);
    await expect(inspect.envRow('DB_PASSWORD')).toHaveAttribute('data-secret', 'masked');
    await expect(inspect.envValue('DATABASE_URL')).toHaveText(`postgres://app:${MASK}@db:5432/shop`);
    await expect(inspect.envValue('KEYBOARD_LAYOUT')).toHaveText('us');
    await expect(inspect.secrets).toHaveText('2 secret values are masked.');
    await expect(inspect.fact('Restart policy', 'Policy')).toHaveText('on-failure, at most 3 retries');
    await expect(inspect.fact('Process', 'PID 1')).toHaveText('sleep 3600');
    await expect(ui.page.locator('body')).not.toContainText(password);

    // The raw document is masked too: searching for the password finds nothing.
    await inspect.showRaw();
    await expect(inspect.rawBody).toContainText(`"DB_PASSWORD=${MASK}"`);
    await inspect.search.fill(password);
    await expect(inspect.matchCount).toHaveText('No matches');
    await inspect.copyButton.click();
    await expect(inspect.copyStatus).toHaveText('Copied');
    const masked = await inspect.clipboardText();
    expect(masked).toContain(`"DB_PASSWORD=${MASK}"`);
    expect(masked).not.toContain(password);

    // Revealed on request: the raw view now finds it, highlighted, and Copy carries it.
    await inspect.revealButton.click();
    await expect(inspect.hideButton).toBeVisible();
    await expect(inspect.rawBody).toContainText(`"DB_PASSWORD=${password}"`);
    await inspect.search.fill('');
    await inspect.search.fill(password);
    await expect(inspect.matchCount).toHaveText('1 of 1');
    await expect(inspect.currentMatch).toHaveText(password);
    // Path and Cmd both say sleep: Enter steps to the next match.
    await inspect.search.fill('"sleep"');
    await expect(inspect.matchCount).toHaveText(/^1 of [2-9]$/);
    await inspect.search.press('Enter');
    await expect(inspect.matchCount).toHaveText(/^2 of [2-9]$/);
    await expect(inspect.currentMatch).toHaveText('"sleep"');
    await inspect.copyButton.click();
    await expect(inspect.copyStatus).toHaveText('Copied');
    const revealed = JSON.parse(await inspect.clipboardText()) as { Config: { Env: string[] } };
    expect(revealed.Config.Env).toContain(`DB_PASSWORD=${password}`);

    await inspect.showSummary();
    await expect(inspect.envValue('DB_PASSWORD')).toHaveText(password);
    await expect(inspect.envRow('DB_PASSWORD')).toHaveAttribute('data-secret', 'revealed');
    await inspect.hideButton.click();
    await expect(inspect.envValue('DB_PASSWORD')).toHaveText(MASK);
    await expect(ui.page.locator('body')).not.toContainText(password);
  });

  test('follows the container: a stop is read again without polling', async ({ ui, docker, env }) => {
    const name = `inspect-stop-${runId()}`;
    await docker.run(name, env.images.busybox, [], ['sleep', '3600']);
    const inspect = new InspectPanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await inspect.openFor(name);
    await expect(inspect.fact('State', 'Status')).toHaveText('running');
    await docker.stop(name);
    await expect(inspect.fact('State', 'Status')).toHaveText('exited');
    await expect(inspect.fact('State', 'Exit code')).toHaveText('137');
    await expect(inspect.fact('Process', 'Host PID')).toHaveText('none (not running)');
  });
});
