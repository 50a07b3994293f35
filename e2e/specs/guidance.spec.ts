import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { GuidancePanel } from '../pages/guidance-panel';

test.setTimeout(120_000);

test.describe('reload guidance', () => {
  test('nginx: the verdict first, a config test, a reload with zero refused connections, a broken config refused', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `guide-${runId()}`;
    await docker.run(name, env.images.debianNginx, ['-p', '127.0.0.1::80']);
    const guidance = new GuidancePanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await guidance.openFor(name);

    await expect(guidance.verdict).toHaveText(/^Reload is possible: nginx reloads on SIGHUP to PID 1/, {
      timeout: 20_000,
    });
    await expect(guidance.impact).toContainText('→80/tcp');

    await guidance.button('Test config').click();
    await expect(guidance.result).toHaveAttribute('data-outcome', 'planned', { timeout: 30_000 });

    await guidance.button('Reload').click();
    await guidance.confirm('reload');
    await expect(guidance.result).toHaveAttribute('data-outcome', 'reloaded', { timeout: 30_000 });
    await expect(guidance.probe).toHaveText(/^Probe: \d+ connects to 127\.0\.0\.1:\d+, 0 refused\.$/);

    await docker.docker('exec', name, 'sh', '-c', "echo 'broken' > /etc/nginx/conf.d/broken.conf");
    await guidance.button('Reload').click();
    await guidance.confirm('reload');
    await expect(guidance.result).toHaveAttribute('data-outcome', 'refused', { timeout: 30_000 });
    await expect(guidance.result).toContainText('nothing was sent');
    await expect(guidance.result).toContainText('in /etc/nginx/conf.d/broken.conf');
  });

  test('a program without a reload: restart, with the impact shown before and the downtime after', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `guide-nc-${runId()}`;
    await docker.run(
      name,
      env.images.busybox,
      ['-p', '127.0.0.1::8080', '--stop-timeout', '1'],
      ['nc', '-ll', '-p', '8080', '-e', 'cat'],
    );
    const guidance = new GuidancePanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await guidance.openFor(name);
    await expect(guidance.verdict).toHaveText(/^A restart is needed because/, { timeout: 20_000 });
    await expect(guidance.button('Reload')).toHaveCount(0);
    await guidance.button('Restart').click();
    await expect(ui.page.getByTestId('guidance-restart-dialog')).toContainText('→8080/tcp');
    await guidance.confirm('restart');
    await expect(guidance.result).toHaveAttribute('data-outcome', 'restarted', { timeout: 60_000 });
    await expect(guidance.probe).toContainText(/down for \d+ ms/);
  });
});
