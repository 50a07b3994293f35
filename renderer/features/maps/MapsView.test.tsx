import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NetworkMap, StorageMap } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const WEB = 'a'.repeat(64);
const DB = 'b'.repeat(64);

const storage: StorageMap = {
  connectionId: 'local',
  nodes: [
    {
      id: `container:${WEB}`,
      kind: 'container',
      label: 'web',
      container: { id: WEB, name: 'web', state: 'running' },
      facts: [],
    },
    {
      id: `container:${DB}`,
      kind: 'container',
      label: 'db',
      container: { id: DB, name: 'db', state: 'running' },
      facts: [],
    },
    { id: 'hostPath:/srv/data', kind: 'hostPath', label: '/srv/data', facts: [] },
  ],
  edges: [
    {
      id: 'e1',
      from: `container:${WEB}`,
      to: 'hostPath:/srv/data',
      kind: 'bind',
      label: '/data',
      readOnly: false,
    },
    {
      id: 'e2',
      from: `container:${DB}`,
      to: 'hostPath:/srv/data',
      kind: 'bind',
      label: '/var/lib/db',
      readOnly: false,
    },
  ],
  flags: [
    {
      id: 'shared-write-path:/srv/data',
      kind: 'shared-write-path',
      severity: 'high',
      title: '/srv/data is written by web, db',
      why: 'Two writers on one directory overwrite each other.',
      evidence: [{ container: 'web', field: 'Mounts[].Source', value: '/srv/data' }],
      containers: [
        { id: WEB, name: 'web', state: 'running' },
        { id: DB, name: 'db', state: 'running' },
      ],
      nodes: [`container:${WEB}`, `container:${DB}`, 'hostPath:/srv/data'],
    },
  ],
  notes: ['Volume sizes are unknown: the engine did not answer.'],
};

const network: NetworkMap = {
  connectionId: 'local',
  nodes: [
    {
      id: `container:${WEB}`,
      kind: 'container',
      label: 'web',
      container: { id: WEB, name: 'web', state: 'running' },
      facts: [],
    },
    {
      id: `container:${DB}`,
      kind: 'container',
      label: 'db',
      container: { id: DB, name: 'db', state: 'running' },
      facts: [],
    },
    { id: 'network:n1', kind: 'network', label: 'front', facts: [] },
  ],
  edges: [
    {
      id: 'w',
      from: `container:${WEB}`,
      to: 'network:n1',
      kind: 'network',
      label: '10.0.0.2/24',
      aliases: ['web'],
    },
    {
      id: 'd',
      from: `container:${DB}`,
      to: 'network:n1',
      kind: 'network',
      label: '10.0.0.3/24',
      aliases: [],
    },
  ],
  flags: [],
  notes: [],
  reachability: {
    containers: [
      { id: WEB, name: 'web', state: 'running', mode: 'networks' },
      { id: DB, name: 'db', state: 'running', mode: 'networks' },
    ],
    pairs: [{ from: WEB, to: DB, via: ['front'], live: true }],
  },
};

async function openMaps(setup: (core: FakeCore) => void = () => undefined) {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local' })];
  core.rows = [
    makeRow({ id: WEB, name: 'web', connectionId: 'local' }),
    makeRow({ id: DB, name: 'db', connectionId: 'local' }),
  ];
  core.handle('maps.storage', () => storage);
  core.handle('maps.network', () => network);
  setup(core);
  const app = renderApp(core);
  await app.user.click(await screen.findByRole('button', { name: 'Maps' }));
  await screen.findByTestId('map-graph');
  return { ...app, core };
}

describe('MapsView', () => {
  it('draws the storage graph with a node per container and path, flags beside it, and notes', async () => {
    const { core } = await openMaps();
    expect(core.callsOf('maps.storage')).toEqual([{ connectionId: 'local' }]);
    const nodes = screen.getAllByTestId('map-node').map((n) => n.getAttribute('data-node'));
    expect(nodes.sort()).toEqual([`container:${DB}`, `container:${WEB}`, 'hostPath:/srv/data'].sort());
    expect(screen.getByTestId('map-graph').querySelectorAll('.map-edge')).toHaveLength(2);
    // Flagged nodes are outlined.
    expect(document.querySelector(`[data-node="hostPath:/srv/data"]`)?.getAttribute('class')).toContain(
      'map-node-flagged',
    );
    const flag = screen.getByTestId('map-flag');
    expect(flag.textContent).toContain('/srv/data is written by web, db');
    expect(screen.getByText('Volume sizes are unknown: the engine did not answer.')).toBeTruthy();
  });

  it('opens the container a flag is about in the details pane', async () => {
    const { user } = await openMaps();
    const link = within(screen.getByTestId('map-flag')).getByRole('button', { name: 'db' });
    await user.click(link);
    const details = await screen.findByTestId('details');
    expect(details.dataset['name']).toBe('db');
    expect(screen.getByRole('button', { name: 'Containers' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows the same data as a table', async () => {
    const { user } = await openMaps();
    await user.click(screen.getByRole('button', { name: 'Table' }));
    const rows = screen.getAllByTestId('map-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('/srv/data/dataread-write'),
      expect.stringContaining('/srv/data/var/lib/dbread-write'),
    ]);
  });

  it('shows the network map with its reachability matrix', async () => {
    const { user, core } = await openMaps();
    await user.click(screen.getByRole('tab', { name: 'Network' }));
    const matrix = await screen.findByTestId('reach-matrix');
    expect(core.callsOf('maps.network')).toEqual([{ connectionId: 'local' }]);
    const cells = within(matrix)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['·', 'front', 'front', '·']);
    expect(screen.getByTestId('map-flags-empty')).toBeTruthy();
  });

  it('says why a map could not be read, and reads again on retry', async () => {
    let fail = true;
    const core = new FakeCore();
    core.connections = [makeConnection({ id: 'local' })];
    core.handle('maps.storage', () => {
      if (fail) throw new AppError('UNAVAILABLE', 'The engine at unix:///x went away.');
      return storage;
    });
    const { user } = renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'Maps' }));
    expect((await screen.findByRole('alert')).textContent).toContain('went away');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('map-graph');
  });
});
