import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/shared/errors';
import type { BosunClient } from '../api/client';
import { CoreConnection } from '../api/core-connection';
import { FakeCore } from '../test/fake-core';
import { renderApp } from '../test/render-app';

describe('CoreBanner', () => {
  it('after a lost link, promises only what retrying can do and says where a restarted Bosun is', async () => {
    const first = new FakeCore();
    let up = true;
    const connection = new CoreConnection(
      async (): Promise<BosunClient> => {
        if (up) return first.client();
        throw new AppError('UNAVAILABLE', 'Bosun could not connect to its core.');
      },
      { delays: [60_000] },
    );
    renderApp(first, connection);
    await waitFor(() => expect(connection.getSnapshot().phase).toBe('ready'));

    up = false;
    first.drop();
    const banner = await screen.findByTestId('core-banner');
    expect(banner.dataset['reason']).toBe('lost');
    const text = banner.textContent ?? '';
    expect(text).toContain('keeps retrying this address');
    expect(text).toContain('If Bosun was restarted, it listens on a new address with a new token');
    expect(text).toContain('open the address it printed');
    // A restart picks a new port and token: the page cannot find it by itself, so it must not say so.
    expect(text).not.toMatch(/reconnects by itself|start it again/);
    expect(screen.getByTestId('core-banner-next').textContent).toMatch(/^Retrying in \d+ s\.$/);

    // "Reconnect now" tries again at once; a failure keeps the same advice and a new countdown.
    screen.getByRole('button', { name: 'Reconnect now' }).click();
    await waitFor(() => expect(connection.getSnapshot().attempt).toBe(2));
    expect(screen.getByTestId('core-banner').textContent).toContain('Bosun could not connect to its core.');
    connection.dispose();
  });
});
