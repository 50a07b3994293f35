import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { GuidanceAnalysis, ReloadResult } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const ID = 'beef'.repeat(16);

const ANALYSIS: GuidanceAnalysis = {
  containerId: ID,
  name: 'web',
  running: true,
  verdict: {
    kind: 'reload',
    sentence:
      "Reload is possible: nginx reloads on SIGHUP to PID 1 through the engine's kill API, after its config test (`nginx -t`) passes.",
    plan: {
      kind: 'signal-pid1',
      description: 'SIGHUP to PID 1',
      steps: ['Validate: nginx -t.', 'Reload: SIGHUP to PID 1.', 'Verify.'],
    },
  },
  delivery: {
    pid1: {
      kind: 'program',
      command: 'nginx: master process nginx -g daemon off;',
      forwardsSignals: true,
      note: 'PID 1 is nginx itself.',
    },
    configSources: [
      {
        path: '/etc/nginx/nginx.conf',
        kind: 'bind-file',
        source: '/srv/nginx.conf',
        destination: '/etc/nginx/nginx.conf',
        note: 'A single-file bind mount: editors that save by renaming break it.',
      },
    ],
    envConfig: {
      keys: ['UPSTREAM'],
      note: 'UPSTREAM is fixed at create.',
      recreate: 'Run docker compose -p shop up -d web.',
    },
    notes: [],
  },
  programs: [
    {
      id: 'nginx',
      name: 'nginx',
      confidence: 'process',
      reload: 'SIGHUP to the master.',
      configTest: 'nginx -t',
      cannotReload: [],
      caveats: ['Old workers linger.'],
      sources: ['nginx.org'],
    },
  ],
  impact: {
    ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }],
    openConnections: 3,
    connectionsNote: 'counted',
    healthcheck: false,
    dependents: ['shop-worker-1'],
    summary: 'A restart closes 127.0.0.1:8080→80/tcp (3 open connections now, which will be cut).',
  },
  caveats: ['Old workers linger.'],
};

const RELOADED: ReloadResult = {
  outcome: 'reloaded',
  message: 'nginx reloaded: the main PID 4100 is unchanged.',
  steps: [
    { step: 'validate', status: 'ok', message: '`nginx -t` passed.', output: 'syntax is ok' },
    { step: 'reload', status: 'ok', message: 'Sent SIGHUP to PID 1.' },
    { step: 'verify', status: 'ok', message: 'The probe made 120 connects: 0 refused.' },
  ],
  pidBefore: 4100,
  pidAfter: 4100,
  probe: {
    targets: ['127.0.0.1:8080'],
    attempts: 120,
    refused: 0,
    failed: 0,
    durationMs: 2400,
    downtimeMs: 0,
  },
};

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [makeRow({ name: 'web', connectionId: 'local', id: ID })];
  fake.handle('guidance.analyze', () => ANALYSIS);
  return fake;
}

const SLOW = { timeout: 10_000 };

async function openReload(fake: FakeCore) {
  const app = renderApp(fake);
  act(() => app.stores.details.showTab('reload'));
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  await screen.findByTestId('guidance-verdict', {}, SLOW);
  return app;
}

describe('ReloadPanel', { timeout: 30_000 }, () => {
  it('comes after Files and shows the verdict first, then the facts, program, impact and caveats', async () => {
    const fake = core();
    await openReload(fake);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs.indexOf('Reload')).toBe(tabs.indexOf('Files') + 1);
    const panel = screen.getByTestId('guidance-panel');
    expect(panel.firstElementChild).toBe(screen.getByTestId('guidance-verdict'));
    expect(screen.getByTestId('guidance-verdict').textContent).toMatch(/^Reload is possible: nginx/);
    expect(screen.getByTestId('guidance-env').textContent).toContain('docker compose -p shop up -d web');
    expect(screen.getByTestId('guidance-impact').textContent).toContain('3 open connections');
    expect(within(panel).getByText(/editors that save by renaming/)).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Caveats' })).getByText('Old workers linger.'),
    ).toBeTruthy();
    expect(fake.callsOf('guidance.analyze')).toEqual([{ connectionId: 'local', containerId: ID }]);
  });

  it('reload asks first, shows progress while it runs, then the result with refused connections', async () => {
    const fake = core();
    let finish: (result: ReloadResult) => void = () => undefined;
    fake.handle('guidance.reload', () => new Promise<ReloadResult>((resolve) => (finish = resolve)));
    const app = await openReload(fake);
    await app.user.click(screen.getByRole('button', { name: 'Reload' }));
    const dialog = await screen.findByTestId('guidance-reload-dialog');
    expect(fake.callsOf('guidance.reload')).toEqual([]);
    await app.user.click(within(dialog).getByTestId('guidance-reload-confirm'));
    await waitFor(() => expect(fake.callsOf('guidance.reload')).toHaveLength(1));
    const call = fake.callsOf('guidance.reload')[0]!;
    expect(call).toMatchObject({ connectionId: 'local', containerId: ID, dryRun: false });
    act(() =>
      fake.emit('guidance.progress', {
        runId: call.runId!,
        step: 'verify',
        message: 'Checking the main PID…',
      }),
    );
    expect((await screen.findByTestId('guidance-progress')).textContent).toBe(
      'Reload: Checking the main PID…',
    );
    act(() => finish(RELOADED));
    const result = await screen.findByTestId('guidance-result');
    expect(result.dataset['outcome']).toBe('reloaded');
    expect(screen.getByTestId('guidance-probe').textContent).toBe(
      'Probe: 120 connects to 127.0.0.1:8080, 0 refused.',
    );
    expect(result.textContent).toContain('Main PID: 4100 → 4100');
  });

  it('a failed config test shows its output; restart spells out the impact before it runs', async () => {
    const fake = core();
    fake.handle('guidance.reload', () => ({
      outcome: 'refused',
      message: 'The config test `nginx -t` failed (exit code 1): nothing was sent.',
      steps: [
        { step: 'validate', status: 'failed', message: 'failed', output: 'unknown directive "broken"' },
      ],
    }));
    fake.handle('guidance.restart', () => ({
      outcome: 'restarted',
      message: 'Restarted: down for 840 ms.',
      steps: [],
      downtimeMs: 840,
      probe: {
        targets: ['127.0.0.1:8080'],
        attempts: 60,
        refused: 40,
        failed: 0,
        durationMs: 1200,
        downtimeMs: 840,
      },
    }));
    const app = await openReload(fake);
    await app.user.click(screen.getByRole('button', { name: 'Test config' }));
    const result = await screen.findByTestId('guidance-result');
    expect(result.dataset['outcome']).toBe('refused');
    expect(result.textContent).toContain('unknown directive "broken"');
    expect(fake.callsOf('guidance.reload')[0]).toMatchObject({ dryRun: true });

    await app.user.click(screen.getByRole('button', { name: 'Restart' }));
    const dialog = await screen.findByTestId('guidance-restart-dialog');
    expect(dialog.textContent).toContain('3 open connections now, which will be cut');
    await app.user.click(within(dialog).getByTestId('guidance-restart-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('guidance-probe').textContent).toContain('down for 840 ms'),
    );
  });
});
