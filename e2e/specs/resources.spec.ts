import { TEST_LABEL } from '../env/test-env';
import { formatSize } from '../../electron/shared/format/size';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { ResourcesPage } from '../pages/resources-page';

const BUSYBOX = 'local/busybox:1';

test('images: busybox with its size and users; a throwaway image removed after a confirmation', async ({
  ui,
  docker,
}) => {
  const run = runId();
  const user = `img-user-${run}`;
  const throwaway = `bosun-e2e/throwaway-${run}:1`;
  await docker.create(user, BUSYBOX, [], ['sleep', '3600']);
  await docker.docker('commit', '--change', `LABEL ${TEST_LABEL}=1`, user, throwaway);
  try {
    const size = Number(await docker.docker('image', 'inspect', '--format', '{{.Size}}', BUSYBOX));
    const pages = new ResourcesPage(ui.page);
    await ui.containers.waitForTable();
    await pages.open('Images');

    const busybox = pages.imageRow(BUSYBOX);
    await expect(busybox.getByTestId('image-size')).toHaveText(formatSize(size));
    const inUse = busybox.getByTestId('image-in-use');
    await expect(inUse).toHaveAttribute('title', new RegExp(`${user} \\(created\\)`));
    expect(Number(await inUse.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);

    await pages.filter('image', run);
    const row = pages.imageRow(throwaway);
    await expect(row).toBeVisible();
    const dialog = await pages.askToRemove(row);
    await expect(dialog.getByTestId('image-remove-lost')).toContainText(throwaway);
    await dialog.getByRole('button', { name: 'Remove image' }).click();
    await expect(pages.results()).toHaveAttribute('data-ok', 'true');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(row).toHaveCount(0);
    await expect(docker.docker('image', 'inspect', throwaway)).rejects.toThrow(/No such image/i);
  } finally {
    await docker.docker('rmi', '-f', throwaway).catch(() => undefined);
  }
});

test('volumes: a volume created beside Bosun appears live and is removed after a confirmation naming it', async ({
  ui,
  docker,
}) => {
  const volume = `bosun-e2e-vol-${runId()}`;
  const pages = new ResourcesPage(ui.page);
  try {
    // No container of this test: the engine may have none, and then there is no table to wait for.
    await expect(ui.page.locator('[data-testid="connection-item"][data-state="connected"]')).toHaveCount(1);
    await pages.open('Volumes');
    await expect(ui.page.getByTestId('volumes-view')).toBeVisible();
    await docker.docker('volume', 'create', '--label', `${TEST_LABEL}=1`, volume);
    const row = pages.volumeRow(volume);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('volume-used-by')).toHaveText('unused');

    const dialog = await pages.askToRemove(row);
    await expect(dialog).toContainText(`Remove the volume ${volume}?`);
    await expect(dialog.getByTestId('volume-remove-lost')).toContainText(`The volume ${volume}`);
    await dialog.getByRole('button', { name: 'Remove volume' }).click();
    await expect(pages.results()).toContainText(`${volume}: removed`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(row).toHaveCount(0);
    expect(await docker.docker('volume', 'ls', '-q', '--filter', `name=${volume}`)).toBe('');
  } finally {
    await docker.docker('volume', 'rm', '-f', volume).catch(() => undefined);
  }
});

test('networks: a created network with its subnet and the container attached to it', async ({
  ui,
  docker,
}) => {
  const run = runId();
  const network = `bosun-e2e-net-${run}`;
  const member = `net-member-${run}`;
  await docker.docker('network', 'create', '--label', `${TEST_LABEL}=1`, network);
  try {
    await docker.run(member, BUSYBOX, ['--network', network], ['sleep', '3600']);
    const subnet = await docker.docker(
      'network',
      'inspect',
      '--format',
      '{{(index .IPAM.Config 0).Subnet}}',
      network,
    );
    const ip = await docker.docker(
      'inspect',
      '--format',
      `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
      member,
    );
    const pages = new ResourcesPage(ui.page);
    await ui.containers.waitForTable();
    await pages.open('Networks');
    const row = pages.networkRow(network);
    await expect(row.getByTestId('network-subnet')).toHaveText(subnet);
    await expect(row.locator(`[data-testid="network-container"][data-name="${member}"]`)).toContainText(ip);

    const dialog = await pages.askToRemove(row);
    await expect(dialog).toContainText(`Running containers are attached: ${member} (${ip}/`);
    await expect(dialog.getByRole('button', { name: 'Remove network' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await pages.open('Disk use');
    await expect(ui.page.getByTestId('disk-engine').getByTestId('disk-row')).toHaveCount(4, {
      timeout: 60_000,
    });
    await pages.open('Containers');
    await ui.containers.waitForTable();
  } finally {
    await docker.remove(member).catch(() => undefined);
    await docker.docker('network', 'rm', network).catch(() => undefined);
  }
});
