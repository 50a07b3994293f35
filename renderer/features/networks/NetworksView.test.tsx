import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NetworkRow } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function network(name: string, more: Partial<NetworkRow> = {}): NetworkRow {
  return {
    connectionId: 'local',
    id: `${name.charCodeAt(0).toString(16)}`.repeat(32).slice(0, 64),
    name,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    created: null,
    labels: {},
    options: {},
    subnets: [],
    builtIn: false,
    containers: [],
    ...more,
  };
}

async function openNetworks() {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local' })];
  core.handle('networks.list', () => ({
    rows: [
      network('bridge', { builtIn: true, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] }),
      network('front', {
        internal: true,
        subnets: [{ subnet: '10.5.0.0/24', gateway: '10.5.0.1' }],
        containers: [
          { id: 'a'.repeat(64), name: 'web', state: 'running', attached: true, ipv4: '10.5.0.2/24' },
          { id: 'b'.repeat(64), name: 'job', state: 'exited', attached: false },
        ],
      }),
    ],
    failures: [],
  }));
  const app = renderApp(core);
  await app.user.click(await screen.findByRole('button', { name: 'Networks' }));
  await screen.findByTestId('networks-table');
  return { ...app, core };
}

const row = (name: string): HTMLElement =>
  screen.getAllByTestId('network-row').find((r) => r.dataset['name'] === name)!;

describe('NetworksView', () => {
  it('shows subnet, gateway, flags and the containers with their addresses', async () => {
    await openNetworks();
    const front = row('front');
    expect(within(front).getByTestId('network-subnet').textContent).toBe('10.5.0.0/24');
    expect(front.textContent).toContain('10.5.0.1');
    expect(front.textContent).toContain('internal');
    expect(front.textContent).toContain('web 10.5.0.2/24');
    expect(front.textContent).toContain('job (exited, not attached)');
    expect(within(row('bridge')).getByText('built-in')).toBeTruthy();
  });

  it('says why a built-in network or one with running containers cannot go', async () => {
    const { user, core } = await openNetworks();
    await user.click(screen.getByRole('button', { name: 'Remove bridge' }));
    let dialog = await screen.findByTestId('res-remove-dialog');
    expect(dialog.textContent).toContain("one of the engine's own networks");
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Remove front' }));
    dialog = await screen.findByTestId('res-remove-dialog');
    expect(dialog.textContent).toContain('Running containers are attached: web (10.5.0.2/24)');
    expect(dialog.textContent).toContain('job) will not start');
    expect(within(dialog).queryByRole('button', { name: 'Remove network' })).toBeNull();
    expect(core.callsOf('networks.remove')).toEqual([]);
  });
});
