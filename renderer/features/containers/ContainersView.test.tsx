import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function coreWith(rows = 3): FakeCore {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local', name: 'Local engine', current: true })];
  core.rows = [
    makeRow({
      name: 'web',
      connectionId: 'local',
      image: 'local/debian-nginx:1',
      ports: [
        { privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' },
        { privatePort: 443, type: 'tcp' },
      ],
      composeProject: 'shop',
      health: 'healthy',
    }),
    makeRow({ name: 'db', connectionId: 'local', state: 'exited', status: 'Exited (0) 2 hours ago' }),
    makeRow({ name: 'worker', connectionId: 'local', state: 'paused', status: 'Up 3 hours (Paused)' }),
  ].slice(0, rows);
  return core;
}

const rowNames = (): string[] => screen.queryAllByTestId('container-row').map((r) => r.dataset['name'] ?? '');
const row = (name: string): HTMLElement => {
  const found = screen.queryAllByTestId('container-row').find((r) => r.dataset['name'] === name);
  if (!found) throw new Error(`no row ${name}; rows: ${rowNames().join(', ')}`);
  return found;
};

describe('ContainersView', () => {
  it('shows every container with its state, health, ports, project and engine', async () => {
    renderApp(coreWith());
    await screen.findByTestId('containers-table');
    expect(rowNames()).toEqual(['db', 'web', 'worker']);
    const web = row('web');
    expect(web.dataset['state']).toBe('running');
    expect(within(web).getByText('healthy')).toBeTruthy();
    expect(within(web).getByTestId('cell-ports').textContent).toBe('127.0.0.1:8080→80/tcp, 443/tcp');
    expect(within(web).getByText('shop')).toBeTruthy();
    expect(within(web).getByText('Local engine')).toBeTruthy();
    expect(screen.getByTestId('containers-count').textContent).toBe('3 containers');
  });

  it('filters as you type, counts what is shown, focuses on "/" and clears on Escape', async () => {
    const { user } = renderApp(coreWith());
    await screen.findByTestId('containers-table');
    const filter = screen.getByRole('searchbox', { name: 'Filter containers' });
    await user.keyboard('/');
    expect(document.activeElement).toBe(filter);
    await user.keyboard('EXIT');
    await waitFor(() => expect(rowNames()).toEqual(['db']));
    expect(screen.getByTestId('containers-count').textContent).toBe('1 of 3');
    await user.keyboard('{Escape}');
    expect((filter as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(rowNames()).toHaveLength(3));
  });

  it('sorts by a column when its header is clicked, and flips on a second click', async () => {
    const { user } = renderApp(coreWith());
    await screen.findByTestId('containers-table');
    await user.click(screen.getByRole('button', { name: /State/ }));
    expect(rowNames()).toEqual(['web', 'worker', 'db']);
    expect(screen.getByRole('columnheader', { name: /State/ }).getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByRole('button', { name: /State/ }));
    expect(rowNames()).toEqual(['db', 'worker', 'web']);
  });

  it('says when nothing matches the filter, and clears it from there', async () => {
    const { user } = renderApp(coreWith());
    await screen.findByTestId('containers-table');
    await user.type(screen.getByTestId('containers-filter'), 'zzz');
    const empty = await screen.findByTestId('empty-state');
    expect(empty.dataset['kind']).toBe('no-match');
    expect(empty.textContent).toContain('No container matches “zzz”');
    await user.click(within(empty).getByRole('button', { name: 'Clear filter' }));
    await screen.findByTestId('containers-table');
    expect(rowNames()).toHaveLength(3);
  });

  it('names the connected engines and shows how to start a container when there are none', async () => {
    renderApp(coreWith(0));
    await waitFor(() => expect(screen.getByTestId('empty-state').dataset['kind']).toBe('empty'));
    const empty = screen.getByTestId('empty-state');
    expect(empty.textContent).toContain('Local engine');
    expect(empty.textContent).toContain('docker run -d --name web');
  });

  it('explains how to get an engine when there is none', async () => {
    const core = new FakeCore();
    renderApp(core);
    await waitFor(() => expect(screen.getByTestId('empty-state').dataset['kind']).toBe('no-engine'));
    expect(screen.getByTestId('empty-state').textContent).toContain('Start Docker');
  });

  it('shows each unavailable engine with its reason and hint, and Retry asks the core to reconnect', async () => {
    const core = coreWith();
    core.connections.push(
      makeConnection({
        id: 'remote',
        name: 'Remote',
        status: {
          state: 'unavailable',
          since: 1,
          retryable: true,
          reason: 'connect ECONNREFUSED',
          hint: 'Is dockerd running there?',
        },
      }),
    );
    const { user } = renderApp(core);
    const banner = await screen.findByTestId('unavailable-banner');
    expect(banner.dataset['connection']).toBe('remote');
    expect(within(banner).getByTestId('unavailable-reason').textContent).toBe('connect ECONNREFUSED');
    expect(within(banner).getByTestId('unavailable-hint').textContent).toContain('Is dockerd running there?');

    await user.click(within(banner).getByRole('button', { name: 'Retry Remote' }));
    expect(core.callsOf('connections.retry')).toEqual([{ id: 'remote' }]);
    expect((await within(banner).findByTestId('retry-outcome')).textContent).toContain('still unavailable');

    core.connections[1] = makeConnection({ id: 'remote', name: 'Remote' });
    core.rows.push(makeRow({ name: 'remote-app', connectionId: 'remote' }));
    await user.click(within(banner).getByRole('button', { name: 'Retry Remote' }));
    await waitFor(() => expect(screen.queryByTestId('unavailable-banner')).toBeNull());
    await waitFor(() => expect(rowNames()).toContain('remote-app'));
  });

  it('keeps the rows of an engine that is reconnecting, dimmed as last seen, until it is back', async () => {
    const core = coreWith();
    renderApp(core);
    await screen.findByTestId('containers-table');
    expect(row('web').dataset['stale']).toBeUndefined();

    core.connections[0] = makeConnection({
      id: 'local',
      name: 'Local engine',
      current: true,
      status: {
        state: 'reconnecting',
        since: 1,
        retryable: true,
        reason: 'The engine closed its event stream.',
        retry: { attempt: 1, at: Date.now() + 2_000 },
      },
    });
    core.emit('connections.changed', { ids: ['local'] });
    const banner = await screen.findByTestId('unavailable-banner');
    expect(banner.textContent).toContain('Reconnecting to Local engine');
    expect(rowNames()).toEqual(['db', 'web', 'worker']);
    for (const name of rowNames()) expect(row(name).dataset['stale']).toBe('true');

    core.connections[0] = makeConnection({ id: 'local', name: 'Local engine', current: true });
    core.emit('connections.changed', { ids: ['local'] });
    await waitFor(() => expect(screen.queryByTestId('unavailable-banner')).toBeNull());
    await waitFor(() => expect(row('web').dataset['stale']).toBeUndefined());
  });

  it('patches a changed container and removes a vanished one when containers.changed arrives', async () => {
    const core = coreWith();
    renderApp(core);
    await screen.findByTestId('containers-table');
    const [web, db] = core.rows;
    core.rows = [{ ...web!, state: 'exited', status: 'Exited (137) Less than a second ago' }, core.rows[2]!];
    core.emit('containers.changed', { connectionId: 'local', ids: [web!.id, db!.id], full: false });
    await waitFor(() => expect(rowNames()).toEqual(['web', 'worker']));
    expect(row('web').dataset['state']).toBe('exited');
    expect(core.callsOf('containers.list').at(-1)).toEqual({
      connectionIds: ['local'],
      ids: [web!.id, db!.id],
    });
  });

  it('re-reads the whole engine when the event says full', async () => {
    const core = coreWith();
    renderApp(core);
    await screen.findByTestId('containers-table');
    core.rows = [makeRow({ name: 'only-one', connectionId: 'local' })];
    core.emit('containers.changed', { connectionId: 'local', ids: [], full: true });
    await waitFor(() => expect(rowNames()).toEqual(['only-one']));
  });

  it('keeps only the visible rows of 10,000 in the page', async () => {
    const core = coreWith(0);
    core.rows = Array.from({ length: 10_000 }, (_, i) =>
      makeRow({ name: `c-${String(i).padStart(5, '0')}`, connectionId: 'local' }),
    );
    renderApp(core);
    await screen.findByTestId('containers-table');
    const rendered = screen.getAllByTestId('container-row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(screen.getByTestId('containers-count').textContent).toBe('10000 containers');
    expect(screen.getByTestId('containers-table').getAttribute('aria-rowcount')).toBe('10001');
  });
});
