import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';

const BUSYBOX = 'local/busybox:1';

test('filters as you type, on names, states, ports and id prefixes, and says when nothing matches', async ({
  ui,
  docker,
}) => {
  const run = runId();
  const [alpha, beta, gamma] = ['alpha', 'beta', 'gamma'].map((role) => `${role}-${run}`) as [
    string,
    string,
    string,
  ];
  await docker.run(alpha, BUSYBOX, ['-p', '127.0.0.1::8080'], ['sleep', '3600']);
  const betaId = await docker.run(beta, BUSYBOX, [], ['sleep', '3600']);
  await docker.run(gamma, BUSYBOX, [], ['true']);
  await expect.poll(() => docker.state(gamma)).toBe('exited');
  const alphaPort = (await docker.docker('port', alpha, '8080/tcp')).split(':').pop() ?? '';
  expect(alphaPort).toMatch(/^\d+$/);

  const { containers, page } = ui;
  await containers.waitForTable();
  await expect(containers.row(gamma)).toHaveAttribute('data-state', 'exited');
  // Other tests may share the engine: the total is whatever it is, the shown part is exact.
  await expect(containers.count).toHaveText(/^\d+ containers?$/);

  // "/" jumps to the filter from anywhere; every key narrows the list at once.
  await containers.table.click();
  await page.keyboard.press('/');
  await expect(containers.filter).toBeFocused();
  await page.keyboard.type(run, { delay: 40 });
  await expect.poll(() => containers.rowNames()).toEqual([alpha, beta, gamma]);
  await expect(containers.count).toHaveText(/^3 of \d+$/);

  await page.keyboard.type(' EXITED');
  await expect.poll(() => containers.rowNames()).toEqual([gamma]);
  await expect(containers.count).toHaveText(/^1 of \d+$/);

  await containers.filterBy(alphaPort);
  await expect.poll(() => containers.rowNames()).toEqual([alpha]);

  await containers.filterBy(betaId.slice(0, 10));
  await expect.poll(() => containers.rowNames()).toEqual([beta]);

  // Escape clears, and the whole list is back.
  await containers.filter.press('Escape');
  await expect(containers.filter).toHaveValue('');
  await expect(containers.count).toHaveText(/^\d+ containers$/);

  await containers.filterBy(`nothing-${run}`);
  await expect(containers.emptyState).toHaveAttribute('data-kind', 'no-match');
  await expect(containers.emptyState).toContainText(`No container matches “nothing-${run}”`);
  await containers.emptyState.getByRole('button', { name: 'Clear filter' }).click();
  await expect(containers.filter).toHaveValue('');
  await expect(containers.row(alpha)).toBeVisible();
});
