import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccessCheck } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { renderApp } from '../../test/render-app';
import { fakeKube, makeCluster, makePod } from './kube-fixtures';
import { deploymentOf } from './PodRowMenu';

const KIND = 'kube-kind';

function setup(allowed: (check: AccessCheck) => boolean = () => true) {
  const core = new FakeCore();
  fakeKube(
    core,
    [makeCluster({ id: KIND, name: 'kind', current: true })],
    [
      makePod({
        name: 'shop-7c9-abcde',
        clusterId: KIND,
        owner: { kind: 'ReplicaSet', name: 'shop-7c9' },
        labels: { app: 'shop', 'pod-template-hash': '7c9' },
      }),
      makePod({ name: 'lonely', clusterId: KIND }),
    ],
  );
  core.handle('kube.access', ({ checks }) =>
    checks.map((check) => ({ verb: check.verb, resource: check.resource, allowed: allowed(check) })),
  );
  core.handle('kube.pods.delete', () => ({}));
  core.handle('kube.workloads.restart', () => ({ restartedAt: '2024-01-01T00:00:00Z' }));
  core.handle('kube.workloads.scale', ({ replicas }) => ({ replicas }));
  return core;
}

async function openMenu(core: FakeCore, pod: string) {
  const app = renderApp(core);
  await app.user.click(await screen.findByRole('button', { name: 'Pods' }));
  const row = (await screen.findAllByTestId('pod-row')).find((r) => r.dataset['name'] === pod)!;
  await app.user.click(within(row).getByTestId('pod-menu-button'));
  const menu = await screen.findByTestId('pod-menu');
  await waitFor(() => expect(menu.textContent).not.toContain('Checking'));
  return { app, menu };
}

const items = (menu: HTMLElement): string[] =>
  within(menu)
    .queryAllByRole('menuitem')
    .map((i) => i.textContent ?? '');

describe('PodRowMenu', () => {
  it('reads the deployment from the ReplicaSet name and its pod-template-hash', () => {
    const pod = makePod({ name: 'p', clusterId: KIND, owner: { kind: 'ReplicaSet', name: 'web-6d4' } });
    expect(deploymentOf({ ...pod, labels: { 'pod-template-hash': '6d4' } })).toBe('web');
    expect(deploymentOf(pod)).toBeUndefined();
  });

  it('offers delete, restart and scale for a deployment pod, after asking kube.access', async () => {
    const core = setup();
    const { menu } = await openMenu(core, 'shop-7c9-abcde');
    expect(items(menu)).toEqual(['Delete pod', 'Restart deployment', 'Scale…', 'Forward a port…']);
    // The row's Terminal button asks its own question (pods/exec): the menu's is the one with its actions.
    expect(core.callsOf('kube.access').find((call) => call.checks[0]?.verb === 'delete')).toMatchObject({
      clusterId: KIND,
      namespace: 'default',
      checks: [
        { verb: 'delete', resource: 'pods' },
        { verb: 'patch', resource: 'deployments', group: 'apps' },
        { verb: 'update', resource: 'deployments', subresource: 'scale', group: 'apps' },
        { verb: 'create', resource: 'pods', subresource: 'portforward' },
      ],
    });
  });

  it('offers only what RBAC allows', async () => {
    const core = setup((check) => check.verb !== 'delete' && check.subresource !== 'scale');
    const { menu } = await openMenu(core, 'shop-7c9-abcde');
    expect(items(menu)).toEqual(['Restart deployment', 'Forward a port…']);
  });

  it('says so when nothing is allowed', async () => {
    const core = setup(() => false);
    const { menu } = await openMenu(core, 'lonely');
    expect(items(menu)).toEqual([]);
    expect(within(menu).getByTestId('pod-menu-none')).toBeTruthy();
  });

  it('deletes a bare pod only after a confirmation that says it is gone for good', async () => {
    const core = setup();
    const { app, menu } = await openMenu(core, 'lonely');
    expect(items(menu)).toEqual(['Delete pod', 'Forward a port…']);
    await app.user.click(within(menu).getByRole('menuitem', { name: 'Delete pod' }));
    const dialog = await screen.findByTestId('pod-action-dialog');
    expect(within(dialog).getByTestId('pod-action-consequence').textContent).toContain('gone for good');
    expect(core.callsOf('kube.pods.delete')).toHaveLength(0);
    await app.user.click(within(dialog).getByTestId('pod-action-confirm'));
    await waitFor(() => expect(screen.queryByTestId('pod-action-dialog')).toBeNull());
    expect(core.callsOf('kube.pods.delete')).toEqual([
      { clusterId: KIND, namespace: 'default', name: 'lonely' },
    ]);
  });

  it('says the controller replaces a deleted pod; Cancel deletes nothing', async () => {
    const core = setup();
    const { app, menu } = await openMenu(core, 'shop-7c9-abcde');
    await app.user.click(within(menu).getByRole('menuitem', { name: 'Delete pod' }));
    const dialog = await screen.findByTestId('pod-action-dialog');
    expect(within(dialog).getByTestId('pod-action-consequence').textContent).toContain(
      'ReplicaSet shop-7c9 makes a new pod',
    );
    await app.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('pod-action-dialog')).toBeNull();
    expect(core.callsOf('kube.pods.delete')).toHaveLength(0);
  });

  it('restarts and scales the deployment', async () => {
    const core = setup();
    const first = await openMenu(core, 'shop-7c9-abcde');
    await first.app.user.click(within(first.menu).getByRole('menuitem', { name: 'Restart deployment' }));
    await first.app.user.click(await screen.findByTestId('pod-action-confirm'));
    await waitFor(() => expect(core.callsOf('kube.workloads.restart')).toHaveLength(1));
    expect(core.callsOf('kube.workloads.restart')[0]).toEqual({
      clusterId: KIND,
      namespace: 'default',
      kind: 'Deployment',
      name: 'shop',
    });
    await waitFor(() => expect(screen.queryByTestId('pod-action-dialog')).toBeNull());

    const row = screen.getAllByTestId('pod-row').find((r) => r.dataset['name'] === 'shop-7c9-abcde')!;
    await first.app.user.click(within(row).getByTestId('pod-menu-button'));
    const menu = await screen.findByTestId('pod-menu');
    await first.app.user.click(await within(menu).findByRole('menuitem', { name: 'Scale…' }));
    const input = await screen.findByTestId('pod-scale-replicas');
    await first.app.user.clear(input);
    await first.app.user.type(input, '3');
    await first.app.user.click(screen.getByRole('button', { name: 'Scale to 3' }));
    await waitFor(() => expect(core.callsOf('kube.workloads.scale')).toHaveLength(1));
    expect(core.callsOf('kube.workloads.scale')[0]).toMatchObject({ name: 'shop', replicas: 3 });
  });

  it('shows a refusal in the dialog and keeps it open', async () => {
    const core = setup();
    core.handle('kube.pods.delete', () => {
      throw new AppError('PERMISSION_DENIED', 'User me may not delete pods in namespace default.');
    });
    const { app, menu } = await openMenu(core, 'lonely');
    await app.user.click(within(menu).getByRole('menuitem', { name: 'Delete pod' }));
    await app.user.click(await screen.findByTestId('pod-action-confirm'));
    expect((await screen.findByTestId('pod-action-error')).textContent).toContain('may not delete pods');
    expect(screen.getByTestId('pod-action-dialog')).toBeTruthy();
  });
});
