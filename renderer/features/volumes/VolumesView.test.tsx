import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VolumeRow } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function volume(name: string, more: Partial<VolumeRow> = {}): VolumeRow {
  return {
    connectionId: 'local',
    name,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    created: null,
    labels: {},
    options: {},
    scope: 'local',
    anonymous: false,
    usedBy: [],
    ...more,
  };
}

function coreWith(): FakeCore {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  core.handle('volumes.list', () => ({
    rows: [
      volume('db-data', {
        usedBy: [{ id: 'a'.repeat(64), name: 'db', state: 'exited' }],
        labels: { team: 'shop' },
      }),
      volume('e'.repeat(64), { anonymous: true }),
    ],
    failures: [],
  }));
  return core;
}

const row = (name: string): HTMLElement =>
  screen.getAllByTestId('volume-row').find((r) => r.dataset['name'] === name)!;

async function openVolumes(core: FakeCore) {
  const app = renderApp(core);
  await app.user.click(await screen.findByRole('button', { name: 'Volumes' }));
  await screen.findByTestId('volumes-table');
  return app;
}

describe('VolumesView', () => {
  it('shows who mounts each volume and measures sizes only when asked', async () => {
    const core = coreWith();
    core.handle('volumes.usage', () => ({
      volumes: [
        { name: 'db-data', size: 2_500_000, refCount: 1 },
        { name: 'e'.repeat(64), size: null, refCount: 0 },
      ],
    }));
    const { user } = await openVolumes(core);
    expect(within(row('db-data')).getByTestId('volume-used-by').textContent).toBe('db (exited)');
    expect(within(row('e'.repeat(64))).getByText('anonymous')).toBeTruthy();
    expect(within(row('db-data')).getByTestId('volume-size').textContent).toBe('—');
    expect(core.callsOf('volumes.usage')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Measure sizes' }));
    expect(await within(row('db-data')).findByText('2.5 MB')).toBeTruthy();
    expect(within(row('e'.repeat(64))).getByTestId('volume-size').textContent).toBe('size unknown');
    await user.click(within(row('db-data')).getByRole('button', { name: 'Details' }));
    expect(screen.getByTestId('volume-details').textContent).toContain('team=shop');
  });

  it('refuses to remove a mounted volume, naming the container; removes a free one, naming it', async () => {
    const core = coreWith();
    core.handle('volumes.remove', ({ names }) => ({
      results: names.map((id) => ({ id, ok: true, message: 'removed' })),
    }));
    const { user } = await openVolumes(core);
    await user.click(screen.getByRole('button', { name: 'Remove db-data' }));
    let dialog = await screen.findByTestId('res-remove-dialog');
    expect(dialog.textContent).toContain('Containers mount it: db (exited)');
    expect(within(dialog).queryByRole('button', { name: 'Remove volume' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    const anonymous = 'e'.repeat(64);
    await user.click(screen.getByRole('button', { name: `Remove ${anonymous}` }));
    dialog = await screen.findByTestId('res-remove-dialog');
    expect(within(dialog).getByTestId('volume-remove-lost').textContent).toContain(`The volume ${anonymous}`);
    await user.click(within(dialog).getByRole('button', { name: 'Remove volume' }));
    expect((await within(dialog).findByTestId('res-results')).textContent).toContain('removed');
    expect(core.callsOf('volumes.remove')).toEqual([{ connectionId: 'local', names: [anonymous] }]);
  });
});
