import { readFile } from 'node:fs/promises';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { FilesPanel } from '../pages/files-panel';

test.describe('files', () => {
  test('browses into /etc, downloads a file, uploads one and sees it listed, shows the changes', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `files-${runId()}`;
    // The container writes a file of its own: the Changes view must show it.
    await docker.run(
      name,
      env.images.busybox,
      [],
      ['sh', '-c', 'echo from-the-container > /tmp/made.txt; sleep 3600'],
    );
    const files = new FilesPanel(ui.page);
    await files.useDownloadLinks();
    await ui.page.reload();

    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await files.openFor(name);

    // "/" first, folders first; then into /etc by a double-click.
    await files.waitForPath('/');
    await expect(files.row('etc')).toHaveAttribute('data-type', 'dir');
    await files.openFolder('etc');
    await files.waitForPath('/etc');
    await expect(files.row('passwd')).toBeVisible();
    await expect(files.row('hostname')).toBeVisible();

    // Download: the file's own bytes, under its own name.
    const download = await files.download('passwd');
    expect(download.suggestedFilename()).toBe('passwd');
    expect(await readFile(await download.path(), 'utf8')).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh$/m);
    await expect(files.transfers.filter({ hasText: 'Saved passwd.' })).toHaveAttribute('data-state', 'done');

    // Upload into /tmp, typed into the path bar; then it is listed, with its size.
    await files.goTo('/tmp');
    await files.waitForPath('/tmp');
    await expect(files.row('made.txt')).toBeVisible();
    await files.upload([
      { name: 'notes 中文.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the browser\n') },
    ]);
    await expect(files.transfers.filter({ hasText: 'Uploaded notes 中文.txt.' })).toHaveAttribute(
      'data-state',
      'done',
    );
    await expect(files.row('notes 中文.txt')).toBeVisible();
    await expect(files.row('notes 中文.txt')).toContainText('23 B');
    const inContainer = await docker.docker('exec', name, 'cat', '/tmp/notes 中文.txt');
    expect(inContainer).toBe('hello from the browser');

    // Changes: what the container and the upload added, counted; a click shows it in its folder.
    await files.goTo('/');
    await files.showChanges();
    await expect(files.changeRow('/tmp/made.txt')).toHaveAttribute('data-kind', 'added');
    await expect(files.changeRow('/tmp/notes 中文.txt')).toHaveAttribute('data-kind', 'added');
    await expect(files.changesToggle).toHaveText(/^Changes \(\d+\)$/);
    await files.changes.getByRole('button', { name: '/tmp/made.txt', exact: true }).click();
    await files.waitForPath('/tmp');
    await expect(files.row('made.txt')).toHaveAttribute('aria-selected', 'true');
  });

  test('works on a stopped container from an image without a shell', async ({ ui, docker, env }) => {
    const name = `files-noshell-${runId()}`;
    await docker.run(name, env.images.noshell);
    await docker.docker('stop', '-t', '1', name);
    const files = new FilesPanel(ui.page);
    await ui.containers.waitForTable();
    await ui.containers.filterBy(name);
    await expect(ui.containers.row(name)).toHaveAttribute('data-state', 'exited', { timeout: 20_000 });
    await files.openFor(name);
    await expect(files.row('etc')).toBeVisible();
    await files.goTo('/etc');
    await expect(files.row('hosts')).toBeVisible();
    await files.goTo('/no/such/place');
    await expect(files.panel.getByText('This folder does not exist')).toBeVisible();
    await expect(files.panel.getByText(/\/no\/such\/place does not exist in container/)).toBeVisible();
  });
});
