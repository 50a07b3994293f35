import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { fakeKube, makeCluster, makePod } from './kube-fixtures';

const KIND = 'kube-kind';

function setup(extra: { failing?: boolean } = {}) {
  const core = new FakeCore();
  core.connections = [
    makeConnection({ id: 'local', name: 'Local engine' }),
    makeConnection({ id: 'bastion', name: 'Bastion', endpoint: 'ssh://me@bastion.example' }),
  ];
  const kube = fakeKube(
    core,
    [makeCluster({ id: KIND, name: 'kind', current: true })],
    [
      makePod({ name: 'web-1', clusterId: KIND, owner: { kind: 'ReplicaSet', name: 'web-6d4' } }),
      makePod({
        name: 'crashy',
        clusterId: KIND,
        namespace: 'jobs',
        status: 'CrashLoopBackOff',
        ready: '0/1',
        restarts: 4,
        lastRestartAt: Date.now() - 42 * 60_000, // past ten minutes kubectl drops the seconds: no flake
      }),
      makePod({ name: 'done', clusterId: KIND, status: 'Completed', phase: 'Succeeded', ready: '0/1' }),
    ],
  );
  if (extra.failing) kube.failing.set(KIND, 'The watch of pods was refused.');
  return { core, kube };
}

const rows = (): HTMLElement[] => screen.queryAllByTestId('pod-row');
const rowNames = (): string[] => rows().map((r) => r.dataset['name'] ?? '');
const row = (name: string): HTMLElement => {
  const found = rows().find((r) => r.dataset['name'] === name);
  if (!found) throw new Error(`no row ${name}; rows: ${rowNames().join(', ')}`);
  return found;
};

async function openPods(core: FakeCore) {
  const app = renderApp(core);
  await app.user.click(await screen.findByRole('button', { name: 'Pods' }));
  await screen.findByTestId('pods-table');
  return app;
}

describe('PodsView', () => {
  it('lists every pod in kubectl words, coloured by status, with a count and the cluster above', async () => {
    const { core } = setup();
    await openPods(core);
    expect(core.callsOf('kube.clusters.list').length).toBeGreaterThan(0);
    expect(rowNames()).toEqual(['done', 'web-1', 'crashy']);
    const crashy = row('crashy');
    expect(within(crashy).getByTestId('pod-status').textContent).toBe('CrashLoopBackOff');
    expect(within(crashy).getByText('CrashLoopBackOff').dataset['tone']).toBe('bad');
    expect(within(crashy).getByText('4 (42m ago)')).toBeTruthy();
    expect(within(row('web-1')).getByText('Running').dataset['tone']).toBe('ok');
    expect(within(row('web-1')).getByText('ReplicaSet/web-6d4')).toBeTruthy();
    expect(within(row('web-1')).getByTestId('pod-age').textContent).toBe('5m');
    expect(within(row('done')).getByText('Completed').dataset['tone']).toBe('done');
    expect(screen.getByTestId('pods-count').textContent).toBe('3 pods');
    const cluster = screen.getByTestId('kube-cluster');
    expect(within(cluster).getByText('https://127.0.0.1:6443')).toBeTruthy();
    expect(within(cluster).getByRole('img', { name: 'Connected' })).toBeTruthy();
  });

  it('sorts by a column and filters by text and by ns:/status: prefixes', async () => {
    const { core } = setup();
    const { user } = await openPods(core);
    await user.click(screen.getByTestId('pod-sort-restarts'));
    expect(rowNames()).toEqual(['done', 'web-1', 'crashy']);
    await user.click(screen.getByTestId('pod-sort-restarts'));
    expect(rowNames()[0]).toBe('crashy');
    const filter = screen.getByRole('searchbox', { name: 'Filter pods' });
    await user.type(filter, 'ns:jobs');
    await waitFor(() => expect(rowNames()).toEqual(['crashy']));
    expect(screen.getByTestId('pods-count').textContent).toBe('1 of 3');
    await user.clear(filter);
    await user.type(filter, 'status:comp');
    await waitFor(() => expect(rowNames()).toEqual(['done']));
    await user.clear(filter);
    await user.type(filter, 'web');
    await waitFor(() => expect(rowNames()).toEqual(['web-1']));
  });

  it('re-reads only the uids a hint names, and drops a pod that is gone', async () => {
    const { core, kube } = setup();
    await openPods(core);
    const [web, crashy] = kube.pods;
    kube.pods = [{ ...web!, status: 'Terminating', deleting: true }, kube.pods[2]!];
    core.emit('kube.pods.changed', { clusterId: KIND, uids: [web!.uid, crashy!.uid], full: false });
    await waitFor(() => expect(rowNames()).not.toContain('crashy'));
    expect(within(row('web-1')).getByTestId('pod-status').textContent).toBe('Terminating');
    expect(core.callsOf('kube.pods.list').at(-1)).toEqual({
      clusterIds: [KIND],
      uids: [web!.uid, crashy!.uid],
    });
  });

  it('re-reads the whole cluster on a full hint', async () => {
    const { core, kube } = setup();
    await openPods(core);
    kube.pods = [makePod({ name: 'fresh', clusterId: KIND })];
    core.emit('kube.pods.changed', { clusterId: KIND, uids: [], full: true });
    await waitFor(() => expect(rowNames()).toEqual(['fresh']));
    expect(core.callsOf('kube.pods.list').at(-1)).toEqual({ clusterIds: [KIND] });
  });

  it('keeps the rows of a reconnecting cluster, marked as last seen, with reason, countdown and Retry now', async () => {
    const { core, kube } = setup();
    const { user } = await openPods(core);
    kube.clusters = [
      makeCluster({
        id: KIND,
        name: 'kind',
        status: {
          state: 'reconnecting',
          since: 1,
          retryable: true,
          reason: 'The watch of pods was interrupted.',
          hint: 'Check that the API server is up.',
          retry: { attempt: 2, at: Date.now() + 5_000 },
        },
      }),
    ];
    core.emit('kube.clusters.changed', { ids: [KIND] });
    const banner = await screen.findByTestId('unavailable-banner');
    expect(banner.textContent).toContain('Reconnecting to kind');
    expect(banner.textContent).toContain('The watch of pods was interrupted.');
    expect(banner.textContent).toContain('Check that the API server is up.');
    expect(banner.textContent).toMatch(/Next try in \d s\. Its pods below are as last seen\./);
    expect(rowNames()).toHaveLength(3);
    for (const r of rows()) expect(r.dataset['stale']).toBe('true');

    core.handle('kube.clusters.retry', ({ clusterId }) => {
      kube.clusters = [makeCluster({ id: clusterId, name: 'kind' })];
      return kube.clusters[0]!;
    });
    await user.click(within(banner).getByRole('button', { name: 'Retry kind' }));
    expect(core.callsOf('kube.clusters.retry')).toEqual([{ clusterId: KIND }]);
    await waitFor(() => expect(screen.queryByTestId('unavailable-banner')).toBeNull());
    await waitFor(() => expect(rows()[0]?.dataset['stale']).toBeUndefined());
  });

  it('shows a broken kubeconfig file with its reason and hint, and no Retry', async () => {
    const { core, kube } = setup();
    kube.clusters.push({
      id: 'kube-broken.yaml',
      name: 'broken.yaml',
      current: false,
      file: '/home/me/.kube/broken.yaml',
      namespaces: null,
      status: {
        state: 'unavailable',
        since: 1,
        retryable: false,
        reason: 'broken.yaml is not valid YAML (line 3).',
        hint: 'Fix the file, then restart Bosun.',
      },
    });
    await openPods(core);
    const broken = screen
      .getAllByTestId('kube-cluster')
      .find((c) => c.dataset['cluster'] === 'kube-broken.yaml')!;
    const banner = within(broken).getByTestId('unavailable-banner');
    expect(within(banner).getByTestId('unavailable-reason').textContent).toBe(
      'broken.yaml is not valid YAML (line 3).',
    );
    expect(within(banner).getByTestId('unavailable-hint').textContent).toContain('Fix the file');
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(within(banner).getByTestId('not-retryable')).toBeTruthy();
    expect(within(broken).queryByTestId('namespace-scope')).toBeNull();
  });

  it('says why a cluster whose pods could not be read is missing, never a silent gap', async () => {
    const { core } = setup({ failing: true });
    const app = renderApp(core);
    await app.user.click(await screen.findByRole('button', { name: 'Pods' }));
    const banner = await screen.findByTestId('unavailable-banner');
    expect(banner.textContent).toContain('The watch of pods was refused.');
    expect(screen.getByTestId('empty-state').dataset['kind']).toBe('empty');
  });

  it('chooses the namespaces to watch through kube.namespaces.set', async () => {
    const { core, kube } = setup();
    core.handle('kube.namespaces.list', () => ({
      namespaces: ['default', 'jobs', 'kube-system'],
      selected: null,
    }));
    core.handle('kube.namespaces.set', ({ clusterId, namespaces }) => {
      kube.clusters = [makeCluster({ id: clusterId, name: 'kind', namespaces })];
      return kube.clusters[0]!;
    });
    const { user } = await openPods(core);
    const scope = screen.getByTestId('namespace-scope');
    expect(scope.textContent).toContain('All namespaces');
    await user.click(scope);
    const panel = await screen.findByRole('group', { name: 'Namespaces of kind' });
    await user.click(within(panel).getByRole('radio', { name: 'Only these:' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'kube-system' }));
    await user.click(within(panel).getByRole('checkbox', { name: 'jobs' }));
    await user.click(within(panel).getByRole('button', { name: 'Apply' }));
    expect(core.callsOf('kube.namespaces.set')).toEqual([
      { clusterId: KIND, namespaces: ['jobs', 'kube-system'] },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('namespace-scope').textContent).toContain('jobs, kube-system'),
    );
    expect(screen.queryByRole('group', { name: 'Namespaces of kind' })).toBeNull();
  });

  it('routes a cluster through an ssh:// connection with kube.clusters.setTunnel, and back', async () => {
    const { core, kube } = setup();
    core.handle('kube.clusters.setTunnel', ({ clusterId, via }) => {
      kube.clusters = [makeCluster({ id: clusterId, name: 'kind', ...(via ? { via } : {}) })];
      return kube.clusters[0]!;
    });
    const { user } = await openPods(core);
    const select = screen.getByRole('combobox', { name: 'Reach kind through SSH' }) as HTMLSelectElement;
    expect(select.value).toBe('');
    // Only ssh:// connections can carry a tunnel.
    expect([...select.options].map((o) => o.value)).toEqual(['', 'bastion']);
    await user.selectOptions(select, 'bastion');
    expect(core.callsOf('kube.clusters.setTunnel')).toEqual([{ clusterId: KIND, via: 'bastion' }]);
    await waitFor(() => expect(select.value).toBe('bastion'));
    await user.selectOptions(select, '');
    expect(core.callsOf('kube.clusters.setTunnel').at(-1)).toEqual({ clusterId: KIND, via: null });
    await waitFor(() => expect(select.value).toBe(''));
  });

  it('renders only the rows in view of 10,000 pods', async () => {
    const { core, kube } = setup();
    kube.pods = Array.from({ length: 10_000 }, (_, i) => makePod({ name: `pod-${i}`, clusterId: KIND }));
    await openPods(core);
    expect(screen.getByTestId('pods-count').textContent).toBe('10000 pods');
    expect(rows().length).toBeLessThan(60);
  });
});
