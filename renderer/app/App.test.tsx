import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/shared/errors';
import type { BosunClient } from '../api/client';
import { CoreConnection } from '../api/core-connection';
import { FakeCore } from '../test/fake-core';
import { makeConnection, makeRow } from '../test/fixtures';
import { renderApp } from '../test/render-app';
import { App } from './App';

describe('App', () => {
  it('explains where the address with the token comes from when the page has none', () => {
    render(<App connection={undefined} />);
    const screenText = screen.getByTestId('no-token').textContent ?? '';
    expect(screenText).toContain('Open the address printed by bosun web (or npm start)');
    expect(screenText).toContain('it carries the access token');
  });

  it('says the token was refused and what to do, without retrying on its own', async () => {
    let attempts = 0;
    const connection = new CoreConnection(async (): Promise<BosunClient> => {
      attempts++;
      throw new AppError('PERMISSION_DENIED', 'refused');
    });
    renderApp(new FakeCore(), connection);
    const banner = await screen.findByTestId('core-banner');
    expect(banner.dataset['reason']).toBe('refused');
    expect(banner.textContent).toContain('refused');
    expect(banner.textContent).toContain('bosun web');
    expect(within(banner).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByTestId('empty-state').dataset['kind']).toBe('offline');
    expect(screen.queryByTestId('containers-count')).toBeNull();
    expect(attempts).toBe(1);
  });

  it('shows a lost core, reconnects by itself, and re-subscribes and re-reads everything', async () => {
    const first = new FakeCore();
    first.connections = [makeConnection({ id: 'local' })];
    first.rows = [makeRow({ name: 'before', connectionId: 'local' })];
    const second = new FakeCore();
    second.connections = first.connections;
    second.rows = [makeRow({ name: 'after', connectionId: 'local' })];
    const cores = [first, second];
    const connection = new CoreConnection(async () => cores.shift()!.client(), { delays: [20] });
    renderApp(first, connection);
    await waitFor(() =>
      expect(screen.queryAllByTestId('container-row').map((r) => r.dataset['name'])).toEqual(['before']),
    );

    first.drop();
    const banner = await screen.findByTestId('core-banner');
    expect(banner.dataset['reason']).toBe('lost');
    expect(banner.textContent).toContain('Lost the connection to the Bosun core');
    expect(screen.queryAllByTestId('container-row')).toHaveLength(1);

    await waitFor(() => expect(screen.queryByTestId('core-banner')).toBeNull());
    await waitFor(() =>
      expect(screen.queryAllByTestId('container-row').map((r) => r.dataset['name'])).toEqual(['after']),
    );
    expect(second.subscriberCount('containers.changed')).toBe(1);
    expect(second.subscriberCount('connections.changed')).toBe(1);
  });
});
