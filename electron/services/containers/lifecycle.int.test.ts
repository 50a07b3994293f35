import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;
let connectionId: string;
let trapper: string;
const created: string[] = [];

// A PID 1 that survives HUP and says so, and exits at once on TERM.
const TRAP = 'trap "touch /tmp/got-hup" HUP; trap "exit 0" TERM; while true; do sleep 0.2; done';

/** Exit code of a command run in the container (no TTY, output dropped). */
async function exitOf(id: string, cmd: string[]): Promise<number> {
  const made = await t.engine.json<{ Id: string }>('POST', `/containers/${id}/exec`, { Cmd: cmd });
  await t.engine.json('POST', `/exec/${made.value.Id}/start`, { Detach: false, Tty: true });
  return (await t.engine.json<{ ExitCode: number }>('GET', `/exec/${made.value.Id}/json`)).value.ExitCode;
}

async function state(id: string): Promise<{ Running: boolean; Paused: boolean }> {
  const { value } = await t.engine.json<{ State: { Running: boolean; Paused: boolean } }>(
    'GET',
    `/containers/${id}/json`,
  );
  return value.State;
}

async function act(
  ids: string[],
  action: 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause',
  more = {},
) {
  return (await t.client.call('containers.act', { connectionId, ids, action, ...more })).results;
}

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  trapper = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sh', '-c', TRAP] });
  created.push(trapper);
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('containers.act on the real engine', () => {
  it('sends any signal: HUP reaches PID 1, which keeps running', async () => {
    expect(await act([trapper], 'kill', { signal: 'HUP' })).toEqual([
      { id: trapper, ok: true, message: 'sent SIGHUP' },
    ]);
    await expect.poll(() => exitOf(trapper, ['test', '-e', '/tmp/got-hup'])).toBe(0);
    expect((await state(trapper)).Running).toBe(true);
  });

  it('pauses and unpauses, and says when there was nothing to do', async () => {
    expect(await act([trapper], 'pause')).toMatchObject([{ ok: true, message: 'paused' }]);
    expect((await state(trapper)).Paused).toBe(true);
    const again = await act([trapper], 'pause');
    expect(again[0]).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await act([trapper], 'unpause')).toMatchObject([{ ok: true, message: 'unpaused' }]);
  });

  it('stops, starts and restarts, with already-there answers instead of errors', async () => {
    expect(await act([trapper], 'stop', { timeoutSeconds: 5 })).toMatchObject([
      { ok: true, message: 'stopped' },
    ]);
    expect((await state(trapper)).Running).toBe(false);
    expect(await act([trapper], 'stop')).toMatchObject([{ ok: true, message: 'already stopped' }]);
    const kill = await act([trapper], 'kill');
    expect(kill[0]).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('not running'),
    });
    expect(await act([trapper], 'start')).toMatchObject([{ ok: true, message: 'started' }]);
    expect(await act([trapper], 'start')).toMatchObject([{ ok: true, message: 'already running' }]);
    expect(await act([trapper], 'restart', { timeoutSeconds: 5 })).toMatchObject([
      { ok: true, message: 'restarted' },
    ]);
    expect((await state(trapper)).Running).toBe(true);
  });

  it('gives one result per container: a vanished one does not stop the others', async () => {
    const other = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sh', '-c', TRAP] });
    created.push(other);
    const vanished = 'deadbeef'.repeat(8);
    const results = await act([other, vanished, trapper], 'kill', { signal: 'SIGHUP' });
    expect(results).toEqual([
      { id: other, ok: true, message: 'sent SIGHUP' },
      { id: vanished, ok: false, code: 'NOT_FOUND', message: expect.stringContaining('is gone') },
      { id: trapper, ok: true, message: 'sent SIGHUP' },
    ]);
  });
});
