import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const KEY = '/home/ada/.ssh/id_ed25519';
const HOST = 'ada@[build-01]:2222';

function waiting(credential: NonNullable<Connection['status']['credential']>): Connection {
  return makeConnection({
    id: 'build',
    name: 'Build',
    endpoint: 'ssh://ada@build-01:2222',
    status: { state: 'unavailable', since: 1, retryable: true, reason: 'Needs a secret.', credential },
  });
}

function core(connection: Connection, secretStore?: string): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local', source: 'docker-host' }), connection];
  fake.handle('system.info', () => ({
    version: '0.0.0-test',
    face: 'web',
    platform: 'test',
    versions: {},
    ...(secretStore ? { secretStore } : {}),
  }));
  return fake;
}

describe('a connection waiting for a passphrase or password', () => {
  it('says which key needs its passphrase, keeps the dialog open on a wrong one, and remembers a right one', async () => {
    const fake = core(waiting({ kind: 'passphrase', keyFile: KEY, host: HOST }), 'OS keychain (test)');
    fake.handle('connections.unlock', ({ id, secret }) => {
      if (secret !== 'sesame') throw new AppError('PERMISSION_DENIED', `The passphrase for ${KEY} is wrong.`);
      const connected = makeConnection({ id, name: 'Build', endpoint: 'ssh://ada@build-01:2222' });
      fake.connections = fake.connections.map((c) => (c.id === id ? connected : c));
      return connected;
    });
    const { user } = renderApp(fake);
    const item = await waitFor(() => {
      const found = screen
        .getAllByTestId('connection-item')
        .find((el) => el.dataset['connection'] === 'build');
      if (!found) throw new Error('no Build item yet');
      return found;
    });
    expect(within(item).getByTestId('connection-detail').textContent).toBe(`Needs the passphrase for ${KEY}`);

    await user.click(within(item).getByTestId('unlock-connection'));
    const dialog = await screen.findByRole('dialog');
    const secret = within(dialog).getByTestId('credential-secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(document.activeElement).toBe(secret);
    await waitFor(() => expect(dialog.textContent).toContain('Remember in OS keychain (test)'));
    await user.type(secret, 'wrong');
    await user.click(within(dialog).getByTestId('credential-remember'));
    await user.click(within(dialog).getByRole('button', { name: 'Unlock and connect' }));
    expect((await within(dialog).findByTestId('credential-error')).textContent).toBe(
      `The passphrase for ${KEY} is wrong.`,
    );
    expect(secret.value).toBe('');
    expect(screen.getByRole('dialog')).toBe(dialog);

    await user.type(secret, 'sesame{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsOf('connections.unlock')).toEqual([
      { id: 'build', secret: 'wrong', remember: true },
      { id: 'build', secret: 'sesame', remember: true },
    ]);
    await waitFor(() => expect(within(item).queryByTestId('unlock-connection')).toBeNull());
    expect(within(item).getByTestId('connection-detail').textContent).toBe('Docker 20.10.24');
  });

  it('asks for a password with the server’s own question, and offers no "Remember" without a secret store', async () => {
    const fake = core(waiting({ kind: 'password', user: 'ada', host: HOST, prompt: 'Password for ada:' }));
    fake.handle('connections.unlock', () => {
      throw new AppError('PERMISSION_DENIED', `The password for ${HOST} is wrong (the server refused it).`);
    });
    const { user } = renderApp(fake);
    await waitFor(() =>
      expect(screen.getAllByTestId('connection-detail').map((d) => d.textContent)).toContain(
        `Needs the password for ${HOST}`,
      ),
    );
    await user.click(screen.getByTestId('unlock-connection'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Password for ada:')).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('system.info').length).toBeGreaterThan(0));
    expect(within(dialog).queryByTestId('credential-remember')).toBeNull();
    const unlock = within(dialog).getByRole('button', { name: 'Log in' }) as HTMLButtonElement;
    expect(unlock.disabled).toBe(true);
    await user.type(within(dialog).getByTestId('credential-secret'), 'hunter2');
    await user.click(unlock);
    expect((await within(dialog).findByTestId('credential-error')).textContent).toContain('refused');
    expect(fake.callsOf('connections.unlock')).toEqual([{ id: 'build', secret: 'hunter2', remember: false }]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
