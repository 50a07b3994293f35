import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';

const NAME = 'Loopback SSH';

// bosun web runs with a fresh HOME and data dir: the loopback sshd's host key is unknown to it.
test('adds an SSH host in the form, asks about its unknown host key, and lists its containers once trusted', async ({
  ui,
  docker,
  env,
}) => {
  const container = `ssh-${runId()}`;
  await docker.run(container, env.images.busybox, [], ['sleep', '3600']);
  const { connections, page } = ui;

  await connections.add(NAME, `ssh://${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`, {
    identityFile: env.ssh.keyPath,
    remoteSocket: env.ssh.remoteDockerSocketPath,
  });
  const form = connections.form;

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('host-key-fingerprint')).toHaveText(env.ssh.hostFingerprint);
  await expect(dialog.getByTestId('host-key-host')).toContainText(String(env.ssh.port));
  await expect(dialog.getByTestId('host-key-type')).toHaveText('ssh-ed25519');
  await expect(dialog).toContainText('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
  await expect(connections.item(NAME)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Trust and connect' }).click();

  await expect(form).toBeHidden();
  const item = connections.item(NAME);
  await expect(item).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  const id = await item.getAttribute('data-connection');
  expect(id).toBeTruthy();

  // The same engine is also the local one: the row that counts is the one reached through SSH.
  await ui.containers.waitForTable();
  await ui.containers.filterBy(container);
  await expect(
    page.locator(`[data-testid="container-row"][data-name="${container}"][data-connection="${id}"]`),
  ).toHaveAttribute('data-state', 'running', { timeout: 20_000 });

  // The step-by-step test of the saved host passes each step, the host key now included.
  await item.getByRole('button', { name: `Test connection ${NAME}` }).click();
  const steps = item.getByTestId('connection-test-step');
  await expect(steps.first()).toBeVisible({ timeout: 30_000 });
  expect(await steps.count()).toBeGreaterThan(2);
  for (const step of await steps.all()) await expect(step).toHaveAttribute('data-ok', 'true');
});
