import { act, render, screen, waitFor, within } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { sample } from './stats-fixtures';
import { StatsStore, TABLE_POINTS } from './stats-store';
import { StatsSparkline } from './StatsSparkline';
import { StatsStoreContext } from './useStats';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function renderSparklines(fake: FakeCore) {
  const store = new StatsStore({ sendDelayMs: 0 });
  store.attach(fake.client());
  store.setInterest('table', [`local/${A}`, `local/${B}`], TABLE_POINTS);
  const renders = { a: 0, b: 0 };
  const view = render(
    <StatsStoreContext.Provider value={store}>
      <Profiler id="a" onRender={() => renders.a++}>
        <StatsSparkline statsKey={`local/${A}`} />
      </Profiler>
      <Profiler id="b" onRender={() => renders.b++}>
        <StatsSparkline statsKey={`local/${B}`} />
      </Profiler>
    </StatsStoreContext.Provider>,
  );
  return { ...view, store, renders };
}

async function watchId(fake: FakeCore): Promise<string> {
  await waitFor(() => expect(fake.callsOf('stats.watch')).toHaveLength(1));
  return fake.callsOf('stats.watch')[0]!.watchId;
}

describe('StatsSparkline', () => {
  it('draws a minute of CPU with CPU and memory percent, re-rendering only its own row', async () => {
    const fake = new FakeCore();
    const { renders } = renderSparklines(fake);
    const id = await watchId(fake);
    const [first, second] = screen.getAllByTestId('stats-sparkline');
    expect(first!.dataset['status']).toBe('waiting');
    expect(first!.title).toBe('Sampling…');
    const before = { ...renders };

    act(() =>
      fake.emit('stats.samples', {
        watchId: id,
        entries: [
          {
            connectionId: 'local',
            containerId: A,
            status: 'live',
            message: '',
            samples: [sample(1000, { cpuPercent: 10 }), sample(2000, { cpuPercent: 61.4 })],
          },
        ],
      }),
    );
    const live = screen.getAllByTestId('stats-sparkline')[0]!;
    expect(live.dataset['status']).toBe('live');
    expect(within(live).getByTestId('spark-cpu').textContent).toBe('61%');
    expect(within(live).getByTestId('spark-mem').textContent).toBe('50%');
    expect(live.getAttribute('aria-label')).toBe('CPU 61.4 %, memory 32.0 MiB (50.0 % of 64.0 MiB limit)');
    expect(live.querySelector('path')!.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L/);
    expect(renders.a).toBe(before.a + 1);
    expect(renders.b).toBe(before.b);
    expect(second).toBe(screen.getAllByTestId('stats-sparkline')[1]);
  });

  it('says "not sampled" when the engine is at its stream cap, with the reason on hover', async () => {
    const fake = new FakeCore();
    renderSparklines(fake);
    const id = await watchId(fake);
    act(() =>
      fake.emit('stats.samples', {
        watchId: id,
        entries: [
          {
            connectionId: 'local',
            containerId: B,
            status: 'not-sampled',
            message: 'at most 50',
            samples: [],
          },
        ],
      }),
    );
    const capped = screen.getAllByTestId('stats-sparkline')[1]!;
    expect(capped.textContent).toBe('not sampled');
    expect(capped.title).toBe('at most 50');
  });
});

describe('the table and live stats', () => {
  it('watches the running rows on screen only, and shows a sparkline in them', async () => {
    const fake = new FakeCore();
    fake.connections = [makeConnection({ id: 'local' })];
    fake.rows = [
      makeRow({ name: 'web', connectionId: 'local' }),
      makeRow({ name: 'db', connectionId: 'local', state: 'exited', status: 'Exited (0) 1 hour ago' }),
    ];
    renderApp(fake);
    await screen.findByTestId('containers-table');
    const web = fake.rows[0]!;
    await waitFor(() => expect(fake.callsOf('stats.watch').length).toBeGreaterThan(0));
    await waitFor(() =>
      expect(fake.callsOf('stats.watch').at(-1)!.targets).toEqual([
        { connectionId: 'local', containerId: web.id },
      ]),
    );
    const rows = screen.getAllByTestId('container-row');
    const webRow = rows.find((r) => r.dataset['name'] === 'web')!;
    const dbRow = rows.find((r) => r.dataset['name'] === 'db')!;
    expect(within(webRow).getByTestId('stats-sparkline')).toBeTruthy();
    expect(within(dbRow).queryByTestId('stats-sparkline')).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'CPU / Mem' })).toBeTruthy();
  });
});
