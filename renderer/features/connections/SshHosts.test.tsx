import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const PRINT = 'SHA256:YRLE7Kdx8tP1Qd+YbW5+gK+55CB5LRScd6tAkqtSCB0';
const OLD = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const HOST = '[build-01]:2222';

function keyError(code: 'HOST_KEY_UNKNOWN' | 'HOST_KEY_CHANGED'): AppError {
  return new AppError(code, `The SSH host key of ${HOST} is a problem.`, {
    host: HOST,
    keyType: 'ssh-ed25519',
    fingerprint: PRINT,
    ...(code === 'HOST_KEY_CHANGED' ? { expected: OLD } : {}),
  });
}

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local', source: 'docker-host' })];
  return fake;
}

async function fillSsh(fake: FakeCore) {
  const rendered = renderApp(fake);
  const { user } = rendered;
  await user.click(await screen.findByTestId('add-connection'));
  const form = screen.getByTestId('add-connection-form');
  await user.type(within(form).getByLabelText('Name'), 'Build');
  await user.type(within(form).getByLabelText('Endpoint'), 'ssh://root@build-01:2222');
  return { ...rendered, form };
}

function value(form: HTMLElement, label: string): string {
  return (within(form).getByLabelText(label) as HTMLInputElement).value;
}

describe('adding an SSH engine', () => {
  it('shows the SSH fields for ssh:// only and checks them as you type', async () => {
    const { user, form } = await fillSsh(core());
    expect(within(form).queryByTestId('add-connection-error')).toBeNull();
    const identity = within(form).getByLabelText('Identity file');
    expect(within(form).getByLabelText('Remote socket').getAttribute('placeholder')).toBe(
      '/var/run/docker.sock',
    );
    await user.type(identity, '~/.ssh/id_ed25519');
    expect(form.textContent).toContain('~ is not expanded');
    await user.clear(identity);
    await user.type(identity, 'id_ed25519');
    expect(form.textContent).toContain('full path of the private key');
    await user.clear(within(form).getByLabelText('Endpoint'));
    await user.type(within(form).getByLabelText('Endpoint'), 'unix:///run/x.sock');
    expect(within(form).queryByTestId('ssh-fields')).toBeNull();
  });

  it('asks about an unknown host key and re-sends exactly that fingerprint when trusted', async () => {
    const fake = core();
    fake.handle('connections.add', (input) => {
      if (input.acceptHostKey !== PRINT) throw keyError('HOST_KEY_UNKNOWN');
      const added = makeConnection({ id: 'build', name: input.name, endpoint: input.endpoint });
      fake.connections.push(added);
      return added;
    });
    const { user, form } = await fillSsh(fake);
    await user.type(within(form).getByLabelText('Identity file'), '/home/me/.ssh/id_ed25519');
    await user.type(within(form).getByLabelText('Remote socket'), '/run/docker.sock');
    await user.click(within(form).getByRole('button', { name: 'Add' }));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('host-key-host').textContent).toBe(HOST);
    expect(within(dialog).getByTestId('host-key-type').textContent).toBe('ssh-ed25519');
    expect(within(dialog).getByTestId('host-key-fingerprint').textContent).toBe(PRINT);
    expect(dialog.textContent).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    expect(fake.connections.map((c) => c.id)).toEqual(['local']);

    await user.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    await waitFor(() => expect(screen.queryByTestId('add-connection-form')).toBeNull());
    expect(fake.callsOf('connections.add')).toEqual([
      {
        name: 'Build',
        endpoint: 'ssh://root@build-01:2222',
        identityFile: '/home/me/.ssh/id_ed25519',
        remoteSocket: '/run/docker.sock',
      },
      {
        name: 'Build',
        endpoint: 'ssh://root@build-01:2222',
        identityFile: '/home/me/.ssh/id_ed25519',
        remoteSocket: '/run/docker.sock',
        acceptHostKey: PRINT,
      },
    ]);
    expect(screen.getAllByTestId('connection-item').map((i) => i.dataset['name'])).toContain('Build');
  });

  it('saves nothing when the key is not trusted, and keeps what was typed', async () => {
    const fake = core();
    fake.handle('connections.add', () => {
      throw keyError('HOST_KEY_UNKNOWN');
    });
    const { user, form } = await fillSsh(fake);
    await user.type(within(form).getByLabelText('Identity file'), '/k');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsOf('connections.add')).toHaveLength(1);
    expect(value(form, 'Name')).toBe('Build');
    expect(value(form, 'Endpoint')).toBe('ssh://root@build-01:2222');
    expect(value(form, 'Identity file')).toBe('/k');
    expect(screen.getAllByTestId('connection-item')).toHaveLength(1);
  });

  it('refuses a changed host key with both fingerprints and what to do, offering no way to accept it', async () => {
    const fake = core();
    fake.handle('connections.add', () => {
      throw keyError('HOST_KEY_CHANGED');
    });
    const { user, form } = await fillSsh(fake);
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    const banner = await screen.findByTestId('host-key-changed');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(within(banner).getByTestId('host-key-expected').textContent).toBe(OLD);
    expect(within(banner).getByTestId('host-key-presented').textContent).toBe(`ssh-ed25519 ${PRINT}`);
    expect(banner.textContent).toContain(`ssh-keygen -R '${HOST}'`);
    expect(banner.textContent).toContain('Only if the change is expected');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(value(form, 'Endpoint')).toBe('ssh://root@build-01:2222');
  });
});

describe('testing and reviewing a connection', () => {
  it('shows each step of a connection test with its outcome and message', async () => {
    const fake = core();
    fake.handle('connections.test', ({ id }) => {
      expect(id).toBe('local');
      return {
        ok: false,
        steps: [
          { step: 'TCP', ok: true, detail: 'build-01:2222 answered' },
          { step: 'SSH login', ok: false, detail: 'Permission denied (publickey).' },
        ],
      };
    });
    const { user } = renderApp(fake);
    await user.click(await screen.findByRole('button', { name: 'Test connection Local' }));
    const result = await screen.findByTestId('connection-test-result');
    const steps = within(result).getAllByTestId('connection-test-step');
    expect(steps.map((s) => [s.dataset['ok'], s.textContent])).toEqual([
      ['true', 'ok TCPbuild-01:2222 answered'],
      ['false', 'failed SSH loginPermission denied (publickey).'],
    ]);
    expect(result.textContent).toContain('stopped at a failed step');
  });

  it('offers "Review host key…" for a discovered engine stopped by an unknown key, and trusts only that key', async () => {
    const fake = core();
    const hostKey = { problem: 'unknown' as const, host: HOST, keyType: 'ssh-ed25519', fingerprint: PRINT };
    fake.connections.push(
      makeConnection({
        id: 'ctx-build',
        name: 'build (context)',
        source: 'context',
        endpoint: 'ssh://root@build-01:2222',
        status: { state: 'unavailable', since: 1, retryable: true, reason: 'Host key unknown.', hostKey },
      }),
    );
    let refuse = true;
    fake.handle('connections.acceptHostKey', ({ id }) => {
      if (refuse) throw new AppError('HOST_KEY_UNKNOWN', 'The host now presents another key.');
      const connection = makeConnection({ id, name: 'build (context)', source: 'context' });
      fake.connections = fake.connections.map((c) => (c.id === id ? connection : c));
      return connection;
    });
    const { user } = renderApp(fake);
    await waitFor(() => expect(screen.getAllByTestId('connection-item')).toHaveLength(2));
    expect(screen.getAllByTestId('review-host-key')).toHaveLength(1);
    await user.click(screen.getByTestId('review-host-key'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('host-key-fingerprint').textContent).toBe(PRINT);
    await user.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    expect((await within(dialog).findByTestId('host-key-error')).textContent).toContain('another key');

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsOf('connections.acceptHostKey')).toEqual([
      { id: 'ctx-build', fingerprint: PRINT },
      { id: 'ctx-build', fingerprint: PRINT },
    ]);
    expect(screen.queryByTestId('review-host-key')).toBeNull();
  });
});
