import { contract } from '../../electron/shared/contract';
import { runId } from '../fixtures/names';
import { recordRpcFrames, type RpcFrames, type SentCall } from '../fixtures/rpc-frames';
import { expect, test } from '../fixtures/test';
import { ContainersPage } from '../pages/containers-page';

const BUSYBOX = 'local/busybox:1';
const IDLE_MS = 3_000;
/** An event this long before a window still explains a re-read inside it (re-reads wait for the next frame). */
const EVENT_REACH_MS = 1_000;
const LIST_METHODS = ['containers.list', 'connections.list'];
/** Hints that something changed on an engine. Data streams (stats samples every second) are not. */
const CHANGE_TOPICS = ['containers.changed', 'connections.changed', 'resources.changed'];

const listInput = contract.methods['containers.list'].input;
const changedPayload = contract.events['containers.changed'].payload;

const sameId = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/** The ids a containers.list call asked for; undefined for a full list. */
function askedIds(call: SentCall): readonly string[] | undefined {
  const input = listInput.safeParse(call.params);
  if (!input.success)
    throw new Error(`containers.list sent params the contract refuses: ${JSON.stringify(call.params)}`);
  return input.data.ids;
}

/** The ids the engine's containers.changed events named since `from`. */
function changedIds(frames: RpcFrames, from: number): string[] {
  return frames.events
    .filter((e) => e.at >= from && e.topic === 'containers.changed')
    .flatMap((e) => changedPayload.parse(e.payload).ids);
}

// A polling renderer passes every other spec: the table stays right either way. Only what the page sends
// tells them apart, so this one reads the WebSocket frames themselves.
test('an idle page sends no list calls, and a docker stop brings only the targeted re-read', async ({
  page,
  bosun,
  docker,
}) => {
  const name = `idle-${runId()}`;
  const id = await docker.run(name, BUSYBOX, [], ['sleep', '3600']);
  expect(id).toMatch(/^[0-9a-f]{64}$/);

  const frames = recordRpcFrames(page);
  await page.goto(bosun.url);
  const containers = new ContainersPage(page);
  await containers.waitForTable();
  await expect(page.locator('[data-testid="connection-item"][data-state="connected"]')).toHaveCount(1);
  await containers.filterBy(name);
  await expect(containers.row(name)).toHaveAttribute('data-state', 'running');
  // The recorder sees the page's calls at all: otherwise every "zero" below would be a blind zero.
  expect(frames.calls.filter((c) => c.method === 'containers.list' && !askedIds(c)).length).toBeGreaterThan(
    0,
  );
  expect(frames.calls.filter((c) => c.method === 'connections.list').length).toBeGreaterThan(0);
  console.log(`on load: ${frames.calls.map((c) => c.method).join(', ')}`);

  // An idle page: nothing happens on the engine, so nothing may be read. The test engine can be shared
  // (other suites' containers produce events), so a window with engine events in it does not count as
  // idle and is tried again; a window without events must carry no list call at all.
  let idleWindows = 0;
  for (let attempt = 1; attempt <= 5 && idleWindows === 0; attempt++) {
    const start = Date.now();
    await page.waitForTimeout(IDLE_MS);
    const end = Date.now();
    const events = frames.events.filter(
      (e) => CHANGE_TOPICS.includes(e.topic) && e.at >= start - EVENT_REACH_MS && e.at <= end,
    );
    if (events.length > 0) {
      console.log(`window ${attempt} was not idle: ${events.length} engine event(s); trying again`);
      continue;
    }
    const lists = frames.calls.filter((c) => c.at >= start && c.at <= end && LIST_METHODS.includes(c.method));
    expect(lists, `list calls sent during ${IDLE_MS} ms with no engine event`).toEqual([]);
    idleWindows++;
  }
  expect(idleWindows, 'the engine was never quiet for 3 s: something else keeps changing it').toBe(1);

  // One docker stop: the page re-reads that container by id, and never the whole list.
  const stoppedAt = Date.now();
  await docker.stop(name);
  await expect(containers.row(name)).toHaveAttribute('data-state', 'exited');
  // The stop's trailing events (kill, die, stop) may arrive in more than one burst: let them all land.
  await page.waitForTimeout(1_000);
  const after = frames.calls.filter((c) => c.at >= stoppedAt);
  console.log(`after docker stop: ${after.map((c) => `${c.method} ${JSON.stringify(c.params)}`).join('; ')}`);

  expect(after.filter((c) => c.method === 'connections.list')).toEqual([]);
  const lists = after.filter((c) => c.method === 'containers.list');
  expect(
    lists.filter((c) => !askedIds(c)),
    'full containers.list calls after one docker stop',
  ).toEqual([]);
  const ours = lists.filter((c) => askedIds(c)?.some((asked) => sameId(asked, id)));
  const eventsForOurs = frames.events.filter(
    (e) =>
      e.at >= stoppedAt &&
      e.topic === 'containers.changed' &&
      changedPayload.parse(e.payload).ids.some((changed) => sameId(changed, id)),
  );
  expect(ours.length, 'targeted re-reads of the stopped container').toBeGreaterThanOrEqual(1);
  expect(ours.length, 'at most one re-read per containers.changed event about it').toBeLessThanOrEqual(
    eventsForOurs.length,
  );
  // Any other re-read must be about containers an event named (another suite on a shared engine).
  const named = changedIds(frames, stoppedAt);
  for (const call of lists) {
    for (const asked of askedIds(call) ?? []) {
      expect(
        named.some((changed) => sameId(changed, asked)),
        `re-read of ${asked} that no event asked for`,
      ).toBe(true);
    }
  }
});
