import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContainer, removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';

interface RawListed {
  Id: string;
  State: string;
}

let t: IntCore;
const created: string[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

beforeAll(async () => {
  t = await startIntCore();
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('containers.list against the real test engine', () => {
  it('lists exactly what the engine lists (ids and states)', async () => {
    const running = await createTestContainer(t.engine, t.env.images.busybox);
    created.push(running, await createTestContainer(t.engine, t.env.images.busybox));
    await t.engine.json('POST', `/containers/${running}/start`);
    // Other suites share the engine: compare only when the engine's own answer was stable around ours.
    let last = '';
    for (let attempt = 0; attempt < 40; attempt++) {
      const before = await t.engine.json<RawListed[]>('GET', '/containers/json?all=1');
      const ours = await t.client.call('containers.list', { connectionIds: ['docker-host'] });
      const after = await t.engine.json<RawListed[]>('GET', '/containers/json?all=1');
      const engineView = JSON.stringify(before.value.map((c) => [c.Id, c.State]).sort());
      const stable = engineView === JSON.stringify(after.value.map((c) => [c.Id, c.State]).sort());
      const bosunView = JSON.stringify(ours.rows.map((r) => [r.id, r.state]).sort());
      expect(ours.failures).toEqual([]);
      if (stable && bosunView === engineView) {
        expect(ours.rows.map((r) => r.id)).toEqual(expect.arrayContaining(created));
        expect(ours.rows.find((r) => r.id === running)).toMatchObject({
          state: 'running',
          connectionId: 'docker-host',
        });
        return;
      }
      last = `engine ${engineView}\nbosun  ${bosunView}`;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Bosun's list never matched the engine's:\n${last}`);
  });

  it('follows create → start → stop → remove through containers.changed, and measures the delay', async () => {
    // Every payload and every raw engine event is kept with its arrival time; the container id is only
    // known once the create call answers, and its events may arrive before that.
    const payloads: Array<{ ids: string[]; at: number }> = [];
    const subscription = t.client.subscribe(
      'containers.changed',
      { connectionIds: ['docker-host'] },
      (payload) => {
        payloads.push({ ids: payload.ids, at: performance.now() });
      },
    );
    await subscription.ready;
    const engineEvents: Array<{ id: string; action: string; at: number }> = [];
    const stopEvents = t.engine.events({ type: ['container'] }, (event, at) => {
      engineEvents.push({
        id: event.Actor?.ID ?? event.id ?? '',
        action: event.Action ?? event.status ?? '',
        at,
      });
    });
    let id = '';
    let checked = 0;
    // Waits for a containers.changed naming the container whose re-read shows `state`; returns its arrival.
    const changedTo = async (state: string, since: number): Promise<number> => {
      const seen: string[] = [];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const payload = payloads[checked];
        if (!payload) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
        checked++;
        if (payload.at < since || !payload.ids.includes(id)) continue;
        const { rows } = await t.client.call('containers.list', { ids: [id] });
        const now = rows[0]?.state ?? 'removed';
        seen.push(now);
        if (now === state) return payload.at;
      }
      throw new Error(`no containers.changed re-read showed ${state}; saw ${JSON.stringify(seen)}`);
    };
    const delays: Array<[string, number]> = [];
    // The delay runs from the step's engine event (as our own raw stream saw it) to the payload.
    const step = async (action: string, state: string, run: () => Promise<unknown>): Promise<void> => {
      const started = performance.now();
      await run();
      const at = await changedTo(state, started);
      const first = engineEvents.find(
        (event) => event.id === id && event.action === action && event.at >= started,
      );
      if (!first) throw new Error(`the raw event stream never saw ${action}`);
      delays.push([action, at - first.at]);
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the raw event stream open
      await step('create', 'created', async () => {
        id = await createTestContainer(t.engine, t.env.images.busybox);
        created.push(id);
      });
      await step('start', 'running', () => t.engine.json('POST', `/containers/${id}/start`));
      for (let round = 0; round < 10; round++) {
        await step('pause', 'paused', () => t.engine.json('POST', `/containers/${id}/pause`));
        await step('unpause', 'running', () => t.engine.json('POST', `/containers/${id}/unpause`));
      }
      await step('die', 'exited', () => t.engine.json('POST', `/containers/${id}/stop?t=0`));
      await step('destroy', 'removed', () => t.engine.json('DELETE', `/containers/${id}?v=1`));
    } finally {
      subscription.close();
      stopEvents();
    }
    expect((await t.client.call('containers.list', { ids: [id] })).rows).toEqual([]);
    expect(delays.map(([action]) => action)).toEqual([
      'create',
      'start',
      ...Array(10).fill(['pause', 'unpause']).flat(),
      'die',
      'destroy',
    ]);
    const values = delays.map(([, delay]) => delay);
    console.log(
      `[measure] engine event → containers.changed at the subscriber, ${values.length} changes: median ${median(values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${delays.map(([a, d]) => `${a} ${d.toFixed(1)}`).join(', ')})`,
    );
  });

  it('measures containers.list against a raw GET /containers/json?all=1', async () => {
    for (let n = 0; n < 30; n++) created.push(await createTestContainer(t.engine, t.env.images.busybox));
    // the cache catches up on the 30 creates before timing
    await t.client.call('containers.list', {});
    const raw: number[] = [];
    const ours: number[] = [];
    let rows = 0;
    for (let round = 0; round < 30; round++) {
      let started = performance.now();
      await t.engine.json('GET', '/containers/json?all=1');
      raw.push(performance.now() - started);
      started = performance.now();
      rows = (await t.client.call('containers.list', {})).rows.length;
      ours.push(performance.now() - started);
    }
    expect(rows).toBeGreaterThanOrEqual(30);
    console.log(
      `[measure] ${rows} containers: raw GET median ${median(raw).toFixed(2)} ms, containers.list in-process median ${median(ours).toFixed(2)} ms`,
    );
  });
});
