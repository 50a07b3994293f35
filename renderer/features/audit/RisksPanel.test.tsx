import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContainerAudit } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const ID = 'c0ffee'.repeat(10) + 'c0ff';

function answer(): ContainerAudit {
  return {
    connectionId: 'local',
    containerId: ID,
    containerName: 'web',
    findings: [
      {
        rule: 'R02',
        title: 'Container runtime socket mounted',
        severity: 'critical',
        evidence: [{ field: 'Mounts[0].Source', value: '/var/run/docker.sock' }],
        why: 'Whoever controls the engine socket controls the engine.',
        fix: 'Remove the socket mount.',
        refs: ['CIS 5.32', 'KSV-0006'],
      },
      {
        rule: 'R25',
        title: 'Port published on every interface',
        severity: 'medium',
        evidence: [
          {
            field: 'NetworkSettings.Ports["80/tcp"][0].HostIp',
            value: '0.0.0.0 → host port 8080 (container 80/tcp)',
          },
          {
            field: 'NetworkSettings.Ports["80/tcp"][1].HostIp',
            value: ':: → host port 8080 (container 80/tcp)',
          },
        ],
        why: 'A port bound to 0.0.0.0 is reachable from every network.',
        fix: 'Publish on 127.0.0.1.',
        refs: ['CIS 5.14'],
      },
    ],
    counts: { critical: 1, high: 0, medium: 1, low: 0, info: 0 },
    unchecked: [{ rule: 'R31', reason: 'it is not running, so its processes were not read' }],
  };
}

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [makeRow({ name: 'web', connectionId: 'local', id: ID })];
  fake.handle('audit.container', () => answer());
  return fake;
}

const SLOW = { timeout: 10_000 };

async function openRisks(fake: FakeCore) {
  const app = renderApp(fake);
  act(() => app.stores.details.showTab('risks'));
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  await screen.findByTestId('risks-panel', {}, SLOW);
  return app;
}

describe('RisksPanel', { timeout: 30_000 }, () => {
  it('is the last tab, and lists the findings by severity with evidence, why and fix', async () => {
    const fake = core();
    await openRisks(fake);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs.at(-1)).toBe('Risks');
    expect((await screen.findByTestId('risks-counts', {}, SLOW)).textContent).toContain(
      '2 findings: 1 critical, 1 medium.',
    );
    expect(fake.callsOf('audit.container')).toEqual([{ connectionId: 'local', containerId: ID }]);

    const critical = screen.getByRole('region', { name: 'Critical' });
    const socket = within(critical).getByRole('article', { name: 'R02 Container runtime socket mounted' });
    expect(within(socket).getByRole('list', { name: 'Evidence' }).textContent).toContain(
      'Mounts[0].Source = /var/run/docker.sock',
    );
    expect(socket.textContent).toContain('Why: Whoever controls the engine socket controls the engine.');
    expect(socket.textContent).toContain('Fix: Remove the socket mount.');
    expect(socket.textContent).toContain('CIS 5.32 · KSV-0006');

    const medium = screen.getByRole('region', { name: 'Medium' });
    expect(within(medium).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'High' })).toBeNull();
    // Critical comes before medium on the page.
    expect(critical.compareDocumentPosition(medium) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Not checked' }).textContent).toContain(
      'R31: it is not running',
    );
  });

  it('says so when the audit fails, and checks again on request', async () => {
    const fake = core();
    let fail = true;
    fake.handle('audit.container', () => {
      if (fail) throw new AppError('UNAVAILABLE', 'The engine at local is not answering.');
      return answer();
    });
    const app = await openRisks(fake);
    const state = await screen.findByTestId('empty-state', {}, SLOW);
    expect(state.dataset['kind']).toBe('audit-error');
    expect(state.textContent).toContain('The engine at local is not answering.');
    fail = false;
    await app.user.click(within(state).getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('risks-counts', {}, SLOW)).textContent).toContain('2 findings');
    expect(fake.callsOf('audit.container')).toHaveLength(2);
  });
});
