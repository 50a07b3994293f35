import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [
    makeRow({ name: 'web', connectionId: 'local', image: 'local/debian-nginx:1' }),
    makeRow({ name: 'db', connectionId: 'local', state: 'exited', status: 'Exited (0) 1 hour ago' }),
  ];
  return fake;
}

const row = (name: string): HTMLElement => {
  const found = screen.queryAllByTestId('container-row').find((r) => r.dataset['name'] === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

describe('ContainerDetails', () => {
  it('opens beside the table when a row is clicked, follows the selection and closes', async () => {
    const { user } = renderApp(core());
    await screen.findByTestId('containers-table');
    expect(screen.queryByTestId('details')).toBeNull();

    await user.click(within(row('web')).getByTestId('cell-status'));
    const pane = await screen.findByTestId('details');
    expect(pane.dataset['name']).toBe('web');
    expect(within(pane).getByText(/local\/debian-nginx:1 · Local engine/)).toBeTruthy();
    expect(row('web').getAttribute('aria-selected')).toBe('true');

    await user.click(within(row('db')).getByRole('button', { name: 'db: show details' }));
    expect(screen.getByTestId('details').dataset['name']).toBe('db');
    expect(row('web').getAttribute('aria-selected')).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Close details' }));
    expect(screen.queryByTestId('details')).toBeNull();
  });

  it('says so when the container it shows is removed, instead of showing stale details', async () => {
    const fake = core();
    const { user } = renderApp(fake);
    await screen.findByTestId('containers-table');
    await user.click(within(row('db')).getByTestId('cell-status'));
    const id = fake.rows[1]!.id;
    fake.rows = fake.rows.filter((r) => r.id !== id);
    fake.emit('containers.changed', { connectionId: 'local', ids: [id], full: false });
    await waitFor(() => expect(screen.getByText('This container is gone')).toBeTruthy());
  });
});
