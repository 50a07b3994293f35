import { expect, test } from '../fixtures/test';

const NAME = 'Nowhere 不存在';

test('an engine that cannot be reached shows why, what to do, a Retry that reports back, and can be removed', async ({
  ui,
}, testInfo) => {
  const { connections, containers } = ui;
  // The test engine (DOCKER_HOST) is there and working before anything is added.
  await expect(ui.page.locator('[data-testid="connection-item"][data-state="connected"]')).toHaveCount(1);

  // The form checks as you type before anything is sent.
  await connections.addButton.click();
  const endpoint = connections.form.getByLabel('Endpoint');
  await endpoint.fill('unix://relative.sock');
  await expect(connections.form).toContainText('absolute path');
  await connections.form.getByRole('button', { name: 'Cancel' }).click();

  // A name in Chinese as well: names are the user's, in the user's language.
  await connections.add(NAME, 'unix:///nonexistent.sock');
  await expect(connections.form).toHaveCount(0);
  const item = connections.item(NAME);
  await expect(item).toHaveAttribute('data-state', 'unavailable');
  await expect(item.getByTestId('connection-detail')).not.toBeEmpty();

  const banner = containers.unavailableBanner(NAME);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('unix:///nonexistent.sock');
  const reason = (await banner.getByTestId('unavailable-reason').textContent()) ?? '';
  console.log(`unavailable reason: ${reason}`);
  expect(reason).toMatch(/nonexistent\.sock|no such file|not found|does not exist/i);

  await banner.getByRole('button', { name: `Retry ${NAME}` }).click();
  await expect(banner.getByTestId('retry-outcome')).toHaveText(/still unavailable/);
  await expect(item).toHaveAttribute('data-state', 'unavailable');
  await testInfo.attach('unavailable.png', { body: await ui.page.screenshot(), contentType: 'image/png' });

  // The engine that works is still listed, and still connected, beside the one that does not.
  await expect(connections.items).toHaveCount(2);
  await expect(ui.page.locator('[data-testid="connection-item"][data-state="connected"]')).toHaveCount(1);

  // Added by mistake: remove it. The confirmation says what happens before anything does.
  const confirm = await connections.startRemoving(NAME);
  await expect(confirm).toContainText('Bosun forgets');
  await expect(confirm).toContainText('Nothing on the engine changes');
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(item).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  await expect(connections.items).toHaveCount(1);

  // The core forgot it too, not only this page: a reload does not bring it back.
  await ui.page.reload();
  await expect(ui.page.locator('[data-testid="connection-item"][data-state="connected"]')).toHaveCount(1);
  await expect(connections.items).toHaveCount(1);
  await expect(containers.unavailableBanners).toHaveCount(0);
});
