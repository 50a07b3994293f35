import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [
    makeConnection({ id: 'local', name: 'Local', current: true, endpoint: 'unix:///var/run/docker.sock' }),
    makeConnection({ id: 'ci', name: 'CI', status: { state: 'connecting', since: 1 } }),
    makeConnection({
      id: 'old',
      name: 'Old box',
      status: { state: 'unavailable', since: 1, reason: 'no route to host' },
    }),
  ];
  return fake;
}

describe('ConnectionsSidebar', () => {
  it('lists each engine with its state, version or reason, the current marker and the endpoint on hover', async () => {
    renderApp(core());
    await waitFor(() => expect(screen.getAllByTestId('connection-item')).toHaveLength(3));
    const [local, ci, old] = screen.getAllByTestId('connection-item');
    expect(local!.dataset['state']).toBe('connected');
    expect(within(local!).getByText('current')).toBeTruthy();
    expect(within(local!).getByTestId('connection-detail').textContent).toBe('Docker 20.10.24');
    expect(local!.getAttribute('title')).toContain('unix:///var/run/docker.sock');
    expect(within(ci!).getByRole('img', { name: 'Connecting' })).toBeTruthy();
    expect(within(old!).getByTestId('connection-detail').textContent).toBe('no route to host');
  });

  it('validates the endpoint as you type and shows an example', async () => {
    const { user } = renderApp(core());
    await user.click(await screen.findByTestId('add-connection'));
    const form = screen.getByTestId('add-connection-form');
    expect(form.textContent).toContain('unix:///var/run/docker.sock');
    const endpoint = within(form).getByLabelText('Endpoint');
    await user.type(endpoint, 'tcp://build');
    expect(form.textContent).toContain('Add the port');
    expect(endpoint.getAttribute('aria-invalid')).toBe('true');
    await user.type(endpoint, ':2376');
    expect(form.textContent).not.toContain('Add the port');
    expect(endpoint.getAttribute('aria-invalid')).toBe('false');
  });

  it('adds a connection, and shows what the core refused in place without losing what was typed', async () => {
    const fake = core();
    let refuse = true;
    fake.handle('connections.add', (input) => {
      if (refuse) throw new AppError('CONFLICT', 'A connection named "Build" already exists.');
      const added = makeConnection({ id: 'build', name: input.name, endpoint: input.endpoint });
      fake.connections.push(added);
      return added;
    });
    const { user } = renderApp(fake);
    await user.click(await screen.findByTestId('add-connection'));
    const form = screen.getByTestId('add-connection-form');
    await user.type(within(form).getByLabelText('Name'), 'Build');
    await user.type(within(form).getByLabelText('Endpoint'), 'unix:///run/build.sock');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    expect((await screen.findByTestId('add-connection-error')).textContent).toContain('already exists');
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Build');
    expect((within(form).getByLabelText('Endpoint') as HTMLInputElement).value).toBe(
      'unix:///run/build.sock',
    );

    refuse = false;
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByTestId('add-connection-form')).toBeNull());
    expect(fake.callsOf('connections.add').at(-1)).toEqual({
      name: 'Build',
      endpoint: 'unix:///run/build.sock',
    });
    expect(screen.getAllByTestId('connection-item').map((i) => i.dataset['name'])).toContain('Build');
  });

  it('does not send a form that cannot work', async () => {
    const fake = core();
    const { user } = renderApp(fake);
    await user.click(await screen.findByTestId('add-connection'));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByTestId('add-connection-form').textContent).toContain('Give the connection a name');
    expect(fake.callsOf('connections.add')).toHaveLength(0);
  });
});
