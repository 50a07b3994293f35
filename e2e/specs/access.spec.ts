import { expect, test } from '../fixtures/test';
import { ShellPage } from '../pages/shell-page';
import { ContainersPage } from '../pages/containers-page';

test('without its token the page says where the right address comes from', async ({ page, bosun }) => {
  await page.goto(`${bosun.origin}/`);
  const shell = new ShellPage(page);
  await expect(shell.noToken).toContainText('Open the address printed by bosun web (or npm start)');
  await expect(shell.noToken).toContainText('it carries the access token');
});

test('a wrong token is refused, with what to do', async ({ page, bosun }) => {
  await page.goto(`${bosun.origin}/#token=not-the-token-of-this-launch`);
  const shell = new ShellPage(page);
  await expect(shell.coreBanner).toHaveAttribute('data-reason', 'refused');
  await expect(shell.coreBanner).toContainText("refused this page's access token");
  await expect(shell.coreBanner).toContainText('bosun web');
});

test('the token leaves the address bar, a reload still works, and a stopped core is reported', async ({
  page,
  bosun,
}) => {
  await page.goto(bosun.url);
  const containers = new ContainersPage(page);
  const shell = new ShellPage(page);
  await expect(containers.count).toBeVisible();
  expect(page.url()).not.toContain(bosun.token);
  expect(page.url()).not.toContain('#');

  await page.reload();
  await expect(containers.count).toBeVisible();
  await expect(shell.coreBanner).toHaveCount(0);

  await bosun.stop();
  await expect(shell.coreBanner).toHaveAttribute('data-reason', 'lost');
  await expect(shell.coreBanner).toContainText('Lost the connection to the Bosun core');
  // A restarted bosun web has a new port and token: the page must send the user to the new address.
  await expect(shell.coreBanner).toContainText('keeps retrying this address');
  await expect(shell.coreBanner).toContainText('open the address it printed');
  await expect(shell.coreBanner).not.toContainText('reconnects by itself');
  await expect(shell.coreBanner.getByRole('button', { name: 'Reconnect now' })).toBeVisible();
});
