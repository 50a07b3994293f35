import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StatsEntry } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { sample } from './stats-fixtures';

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [makeRow({ name: 'web', connectionId: 'local' })];
  return fake;
}

/** Opens the details of `web` on its Stats tab; answers the watch the panel made. */
async function openStats(fake: FakeCore) {
  const app = renderApp(fake);
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  await app.user.click(await screen.findByRole('tab', { name: 'Stats' }));
  await screen.findByTestId('stats-panel');
  const id = fake.rows[0]!.id;
  await waitFor(() =>
    expect(fake.callsOf('stats.watch').some((c) => c.targets.some((t) => t.containerId === id))).toBe(true),
  );
  const watchId = fake.callsOf('stats.watch').at(-1)!.watchId;
  const send = (entry: Partial<StatsEntry>) =>
    act(() =>
      fake.emit('stats.samples', {
        watchId,
        entries: [
          { connectionId: 'local', containerId: id, status: 'live', message: '', samples: [], ...entry },
        ],
      }),
    );
  return { ...app, id, send };
}

describe('StatsPanel', () => {
  it('says it is starting until the first sample, then draws four charts with their values', async () => {
    const fake = core();
    const { send } = await openStats(fake);
    expect(screen.getByText('Starting live stats…')).toBeTruthy();

    send({
      samples: [
        sample(1_000, { cpuPercent: 40 }),
        sample(2_000, { cpuPercent: 87.5, networkRxRate: 12_500, blockWriteRate: 2_000_000 }),
      ],
    });
    const cpu = await screen.findByTestId('chart-cpu');
    expect(within(cpu).getByTestId('chart-cpu-cpu').textContent).toContain('87.5 %');
    expect(within(cpu).getByRole('img').getAttribute('aria-label')).toMatch(
      /CPU over the last 1 min: now CPU 87.5 %/,
    );
    expect(within(cpu).getByTestId('chart-cpu-line-cpu').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L/);

    const memory = screen.getByTestId('chart-memory');
    expect(within(memory).getByTestId('chart-memory-used').textContent).toContain(
      '32.0 MiB of 64.0 MiB (50.0 %)',
    );
    expect(within(memory).getByTestId('chart-memory-limit')).toBeTruthy();
    expect(within(memory).getByText('limit 64.0 MiB')).toBeTruthy();

    expect(within(screen.getByTestId('chart-network')).getByTestId('chart-network-rx').textContent).toContain(
      '12.5 kB/s',
    );
    expect(within(screen.getByTestId('chart-block')).getByTestId('chart-block-write').textContent).toContain(
      '2.00 MB/s',
    );
    expect(screen.getByText(/2 CPUs · 3 processes/)).toBeTruthy();
  });

  it('draws no limit line for a container without a memory limit, and says so', async () => {
    const fake = core();
    const { send } = await openStats(fake);
    send({ samples: [sample(1_000, { memoryLimited: false, memoryLimitBytes: 16 * 1024 ** 3 })] });
    const memory = await screen.findByTestId('chart-memory');
    expect(within(memory).queryByTestId('chart-memory-limit')).toBeNull();
    expect(within(memory).getByText(/No memory limit: it may use the host's 16.0 GiB/)).toBeTruthy();
  });

  it('keeps the charts and says why when the container stops', async () => {
    const fake = core();
    const { send } = await openStats(fake);
    send({ samples: [sample(1_000)] });
    await screen.findByTestId('chart-cpu');
    send({ status: 'not-running', message: 'The container stopped: only a running container has stats.' });
    const notice = await screen.findByTestId('stats-notice');
    expect(notice.textContent).toContain('The container stopped');
    expect(screen.getByTestId('chart-cpu')).toBeTruthy();
  });

  it('says "not sampled" when the engine is at its stream cap', async () => {
    const fake = core();
    const { send } = await openStats(fake);
    send({ status: 'not-sampled', message: 'Not sampled: Bosun streams stats for at most 50 containers.' });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('at most 50 containers');
  });

  it('stops watching the container when the pane closes (a stopped one: the table does not watch it)', async () => {
    const fake = core();
    fake.rows[0] = { ...fake.rows[0]!, state: 'exited', status: 'Exited (0) 1 hour ago' };
    const { user, id } = await openStats(fake);
    await user.click(screen.getByRole('button', { name: 'Close details' }));
    await waitFor(() => {
      const last = fake.callsOf('stats.watch').at(-1)!;
      expect(last.targets.some((t) => t.containerId === id && t.connectionId === 'local')).toBe(false);
    });
  });
});
