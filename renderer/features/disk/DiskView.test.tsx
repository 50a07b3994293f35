import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Out } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const USE = { count: 5, active: 2, size: 275_000_000, reclaimable: 137_000_000 };

describe('DiskView', () => {
  it('measures when opened, shows a cancellable progress, then the disk use per engine', async () => {
    const core = new FakeCore();
    core.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
    let answer: (value: Out<'disk.usage'>) => void = () => undefined;
    core.handle('disk.usage', () => new Promise((resolve) => (answer = resolve)));
    const { user } = renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'Disk use' }));
    expect(
      (await screen.findByText('Measuring disk use…')).closest('[data-testid=empty-state]')?.textContent,
    ).toContain('this may take a while on a big engine');
    answer({
      engines: [
        {
          connectionId: 'local',
          images: USE,
          containers: USE,
          volumes: { ...USE, size: null, reclaimable: null },
          buildCache: USE,
        },
      ],
      failures: [{ connectionId: 'far', code: 'UNAVAILABLE', message: 'far is down.' }],
    });
    const engine = await screen.findByTestId('disk-engine');
    expect(within(engine).getByText('Local engine')).toBeTruthy();
    const images = within(engine)
      .getAllByTestId('disk-row')
      .find((r) => r.dataset['kind'] === 'images')!;
    expect(images.textContent).toContain('275 MB');
    expect(images.textContent).toContain('137 MB (50%)');
    const volumes = within(engine)
      .getAllByTestId('disk-row')
      .find((r) => r.dataset['kind'] === 'volumes')!;
    expect(volumes.textContent).toContain('unknown');
    expect(screen.getByTestId('res-failure').textContent).toContain('far is down.');
  });

  it('can be cancelled', async () => {
    const core = new FakeCore();
    core.connections = [makeConnection({ id: 'local' })];
    core.handle('disk.usage', () => new Promise(() => undefined));
    const { user } = renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'Disk use' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Measuring was cancelled')).toBeTruthy();
  });
});
