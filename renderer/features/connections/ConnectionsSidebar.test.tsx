import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [
    makeConnection({
      id: 'local',
      name: 'Local',
      current: true,
      source: 'docker-host',
      endpoint: 'unix:///var/run/docker.sock',
    }),
    makeConnection({ id: 'ci', name: 'CI', status: { state: 'connecting', since: 1, retryable: true } }),
    makeConnection({
      id: 'old',
      name: 'Old box',
      status: { state: 'unavailable', since: 1, retryable: true, reason: 'no route to host' },
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

describe('removing a connection', () => {
  it('is offered for what the user added only', async () => {
    renderApp(core());
    await waitFor(() => expect(screen.getAllByTestId('connection-item')).toHaveLength(3));
    const [local, ci] = screen.getAllByTestId('connection-item');
    expect(within(local!).queryByRole('button', { name: 'Remove Local' })).toBeNull();
    expect(within(ci!).getByRole('button', { name: 'Remove CI' })).toBeTruthy();
  });

  it('says what happens, can be cancelled, and then forgets the connection', async () => {
    const fake = core();
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole('button', { name: 'Remove Old box' }));
    const confirm = screen.getByRole('group', { name: 'Remove Old box?' });
    expect(confirm.textContent).toContain('Bosun forgets this connection');
    expect(confirm.textContent).toContain('Nothing on the engine changes');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('remove-confirm')).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Old box' })).toBe(document.activeElement);
    expect(fake.callsOf('connections.remove')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove Old box' }));
    await user.click(within(screen.getByTestId('remove-confirm')).getByRole('button', { name: 'Remove' }));
    expect(fake.callsOf('connections.remove')).toEqual([{ id: 'old' }]);
    await waitFor(() =>
      expect(screen.getAllByTestId('connection-item').map((i) => i.dataset['name'])).toEqual(['Local', 'CI']),
    );
    // The engine's failure banner goes with it: nothing is left that says "Old box".
    expect(document.body.textContent).not.toContain('Old box');
  });

  it('shows a refusal in place and keeps the connection', async () => {
    const fake = core();
    fake.handle('connections.remove', () => {
      throw new AppError('UNAVAILABLE', 'The connections file cannot be written.');
    });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole('button', { name: 'Remove CI' }));
    await user.click(within(screen.getByTestId('remove-confirm')).getByRole('button', { name: 'Remove' }));
    expect((await screen.findByTestId('remove-error')).textContent).toBe(
      'The connections file cannot be written.',
    );
    expect(screen.getAllByTestId('connection-item')).toHaveLength(3);
    expect(
      within(screen.getByTestId('remove-confirm')).getByRole('button', { name: 'Remove' }),
    ).toHaveProperty('disabled', false);
  });
});

describe('TLS in the add form', () => {
  const FILES = { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' };

  it('asks for the files only for tcp://, and sends all three as tls', async () => {
    const fake = core();
    const { user } = renderApp(fake);
    await user.click(await screen.findByTestId('add-connection'));
    const form = screen.getByTestId('add-connection-form');
    await user.type(within(form).getByLabelText('Name'), 'Build');
    const endpoint = within(form).getByLabelText('Endpoint');
    await user.type(endpoint, 'unix:///run/build.sock');
    expect(within(form).queryByTestId('tls-fields')).toBeNull();

    await user.clear(endpoint);
    await user.type(endpoint, 'tcp://build:2376');
    await user.type(within(form).getByLabelText('CA certificate'), FILES.ca);
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    // Not sent: one file alone cannot work, and the form says which are missing.
    expect(fake.callsOf('connections.add')).toHaveLength(0);
    expect(within(form).getByLabelText('Client key').getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('TLS needs all three files; add this one.');

    await user.type(within(form).getByLabelText('Client certificate'), FILES.cert);
    await user.type(within(form).getByLabelText('Client key'), FILES.key);
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByTestId('add-connection-form')).toBeNull());
    expect(fake.callsOf('connections.add')).toEqual([
      { name: 'Build', endpoint: 'tcp://build:2376', tls: FILES },
    ]);
  });

  it('shows a file the core cannot read at its field, keeping every path typed', async () => {
    const fake = core();
    fake.handle('connections.add', () => {
      throw new AppError(
        'INVALID_ARGUMENT',
        'The TLS client key /certs/key.pem for tcp://build:2376 cannot be read.',
        { field: 'tls.key' },
      );
    });
    const { user } = renderApp(fake);
    await user.click(await screen.findByTestId('add-connection'));
    const form = screen.getByTestId('add-connection-form');
    await user.type(within(form).getByLabelText('Name'), 'Build');
    await user.type(within(form).getByLabelText('Endpoint'), 'tcp://build:2376');
    await user.type(within(form).getByLabelText('CA certificate'), FILES.ca);
    await user.type(within(form).getByLabelText('Client certificate'), FILES.cert);
    await user.type(within(form).getByLabelText('Client key'), FILES.key);
    await user.click(within(form).getByRole('button', { name: 'Add' }));

    const key = within(form).getByLabelText('Client key');
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('/certs/key.pem for tcp://build:2376 cannot be read.');
    expect(within(form).queryByTestId('add-connection-error')).toBeNull();
    for (const [label, value] of [
      ['Name', 'Build'],
      ['Endpoint', 'tcp://build:2376'],
      ['CA certificate', FILES.ca],
      ['Client certificate', FILES.cert],
      ['Client key', FILES.key],
    ] as const) {
      expect((within(form).getByLabelText(label) as HTMLInputElement).value).toBe(value);
    }

    // Editing that path clears the refusal; the others are untouched.
    await user.type(key, 'x');
    expect(key.getAttribute('aria-invalid')).toBe('false');
  });

  it('keeps the TLS paths while a socket is typed, and does not send them for it', async () => {
    const fake = core();
    const { user } = renderApp(fake);
    await user.click(await screen.findByTestId('add-connection'));
    const form = screen.getByTestId('add-connection-form');
    await user.type(within(form).getByLabelText('Name'), 'Build');
    const endpoint = within(form).getByLabelText('Endpoint');
    await user.type(endpoint, 'tcp://build:2376');
    await user.type(within(form).getByLabelText('CA certificate'), FILES.ca);
    await user.clear(endpoint);
    await user.type(endpoint, 'tcp://build:2377');
    expect((within(form).getByLabelText('CA certificate') as HTMLInputElement).value).toBe(FILES.ca);
    await user.clear(endpoint);
    await user.type(endpoint, 'unix:///run/build.sock');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(fake.callsOf('connections.add')).toHaveLength(1));
    expect(fake.callsOf('connections.add')[0]).toEqual({ name: 'Build', endpoint: 'unix:///run/build.sock' });
  });
});

describe('ConnectionsSidebar: editing', () => {
  it('edits a user-added connection in place, prefilled, and keeps what was typed when the core refuses', async () => {
    const fake = new FakeCore();
    fake.connections = [
      makeConnection({
        id: 'box',
        name: 'Box',
        source: 'user',
        endpoint: 'ssh://deploy@box',
        settings: { identityFile: '/home/me/.ssh/box', remoteSocket: '/run/user/1000/docker.sock' },
      }),
      makeConnection({ id: 'local', name: 'Local', source: 'docker-host' }),
    ];
    let refuse = true;
    fake.handle('connections.update', (input) => {
      if (refuse)
        throw new AppError('INVALID_ARGUMENT', 'Bosun cannot reach that host.', { field: 'endpoint' });
      const updated = makeConnection({
        id: input.id,
        name: input.name,
        source: 'user',
        endpoint: input.endpoint,
      });
      fake.connections[0] = updated;
      return updated;
    });
    const { user } = renderApp(fake);
    // Only what the user added can be edited here.
    await user.click(await screen.findByRole('button', { name: 'Edit Box' }));
    expect(screen.queryByRole('button', { name: 'Edit Local' })).toBeNull();
    const form = screen.getByRole('form', { name: 'Edit Box' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Box');
    expect((within(form).getByLabelText('Endpoint') as HTMLInputElement).value).toBe('ssh://deploy@box');
    expect((within(form).getByLabelText('Identity file') as HTMLInputElement).value).toBe(
      '/home/me/.ssh/box',
    );
    expect((within(form).getByLabelText('Remote socket') as HTMLInputElement).value).toBe(
      '/run/user/1000/docker.sock',
    );

    const endpoint = within(form).getByLabelText('Endpoint');
    await user.clear(endpoint);
    await user.type(endpoint, 'ssh://deploy@box2');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Bosun cannot reach that host.')).toBeTruthy();
    expect((within(form).getByLabelText('Endpoint') as HTMLInputElement).value).toBe('ssh://deploy@box2');

    refuse = false;
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit Box' })).toBeNull());
    expect(fake.callsOf('connections.update').at(-1)).toEqual({
      id: 'box',
      name: 'Box',
      endpoint: 'ssh://deploy@box2',
      identityFile: '/home/me/.ssh/box',
      remoteSocket: '/run/user/1000/docker.sock',
    });
    expect(screen.getByRole('button', { name: 'Edit Box' })).toBe(document.activeElement);
  });
});
