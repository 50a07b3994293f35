import { startFaultEngine, type FaultEngine } from '../env/fault-engine';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';

// A second engine of the test's own, so the edited connection can point at a real engine that is not
// already listed (the test engine is, as DOCKER_HOST).
let other: FaultEngine;

test.beforeAll(async ({ env }) => {
  other = await startFaultEngine(env);
});

test.afterAll(async () => {
  await other?.dispose();
});

test('a mistyped endpoint is fixed with Edit: refusals shown in the form, then connected under the same entry', async ({
  ui,
  env,
}) => {
  const { connections, containers, page } = ui;
  const name = `edited-${runId()}`;
  await other.docker('create', '--name', name, '--network', 'none', 'local/busybox:1', 'true');

  await connections.add('Build box', `${other.dockerHost}.typo`);
  const item = connections.item('Build box');
  await expect(item).toHaveAttribute('data-state', 'unavailable');
  const id = await item.getAttribute('data-connection');

  await item.getByRole('button', { name: 'Edit Build box' }).click();
  const form = page.getByRole('form', { name: 'Edit Build box' });
  const endpoint = form.getByLabel('Endpoint');
  await expect(endpoint).toHaveValue(`${other.dockerHost}.typo`);
  // The engine DOCKER_HOST already lists is refused in place, and what was typed stays.
  await endpoint.fill(env.dockerHost);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('already listed');
  await expect(endpoint).toHaveValue(env.dockerHost);

  await endpoint.fill(other.dockerHost);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(item).toHaveAttribute('data-state', 'connected');
  await expect(item).toHaveAttribute('data-connection', id ?? '');
  await containers.filterBy(name);
  await expect(containers.row(name)).toHaveAttribute('data-connection', id ?? '');

  // Renamed only: the same live connection, under its new name, after a reload too.
  await page.getByRole('button', { name: 'Edit Build box' }).click();
  await page.getByRole('form', { name: 'Edit Build box' }).getByLabel('Name').fill('Build box 2');
  await page.getByRole('form', { name: 'Edit Build box' }).getByRole('button', { name: 'Save' }).click();
  await expect(connections.item('Build box 2')).toHaveAttribute('data-state', 'connected');
  await page.reload();
  await expect(connections.item('Build box 2')).toHaveAttribute('data-connection', id ?? '');
});
