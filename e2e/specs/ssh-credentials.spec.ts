import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';

const NAME = 'Locked SSH';
const PASSPHRASE = 'e2e-passphrase-93b';

// The loopback sshd accepts the test key; a copy of it, encrypted with a passphrase, is the same key
// behind a passphrase: Bosun must ask for it before it can log in.
test('adds an SSH host whose key is encrypted and connects once the passphrase is typed in the dialog', async ({
  ui,
  docker,
  env,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'bosun-e2e-key-'));
  const key = join(dir, 'id_locked');
  try {
    copyFileSync(env.ssh.keyPath, key);
    chmodSync(key, 0o600);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', key]);
    const container = `ssh-cred-${runId()}`;
    await docker.run(container, env.images.busybox, [], ['sleep', '3600']);
    const { connections, page } = ui;

    await connections.add(NAME, `ssh://${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`, {
      identityFile: key,
      remoteSocket: env.ssh.remoteDockerSocketPath,
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Trust and connect' }).click();

    const item = connections.item(NAME);
    await expect(item.getByTestId('connection-detail')).toHaveText(`Needs the passphrase for ${key}`, {
      timeout: 20_000,
    });
    await item.getByTestId('unlock-connection').click();
    const dialog = page.getByTestId('credential-dialog');
    await expect(dialog).toContainText('Remember in a file readable only by you (0600)');
    await dialog.getByLabel('Passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Unlock and connect' }).click();
    await expect(dialog.getByTestId('credential-error')).toContainText(`The passphrase for ${key} is wrong.`);
    await expect(dialog.getByLabel('Passphrase')).toHaveValue('');

    await dialog.getByLabel('Passphrase').fill(PASSPHRASE);
    await dialog.getByLabel('Passphrase').press('Enter');
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(item).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    const id = await item.getAttribute('data-connection');

    await ui.containers.waitForTable();
    await ui.containers.filterBy(container);
    await expect(
      page.locator(`[data-testid="container-row"][data-name="${container}"][data-connection="${id}"]`),
    ).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
