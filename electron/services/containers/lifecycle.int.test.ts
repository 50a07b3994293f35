import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import { isAppError } from '../../shared/errors';
import { EngineProxy } from '../testing/engine-proxy';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;
let connectionId: string;
let trapper: string;
const created: string[] = [];
const volumes: string[] = [];

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
  await Promise.all(volumes.map((name) => t.engine.json('DELETE', `/volumes/${name}`)));
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

interface RawMount {
  Type: string;
  Name?: string;
  Destination: string;
}

async function exists(path: string): Promise<boolean> {
  return (await t.engine.json('GET', path)).status === 200;
}

async function mountsOf(id: string): Promise<RawMount[]> {
  return (await t.engine.json<{ Mounts: RawMount[] }>('GET', `/containers/${id}/json`)).value.Mounts;
}

/** The anonymous volume a container mounts at `destination` (the engine made up its name). */
async function volumeAt(id: string, destination: string): Promise<string> {
  const name = (await mountsOf(id)).find((m) => m.Destination === destination)?.Name;
  if (!name) throw new Error(`${id} mounts no volume at ${destination}`);
  volumes.push(name);
  return name;
}

/** A running busybox with an anonymous volume at /data and the named volume `named` at /named. */
async function withVolumes(named: string, cmd = 'sleep 3600'): Promise<string> {
  const id = await runTestContainer(t.engine, {
    image: t.env.images.busybox,
    cmd: ['sh', '-c', cmd],
    hostConfig: { Mounts: [{ Type: 'volume', Target: '/data' }], Binds: [`${named}:/named`] },
  });
  created.push(id);
  return id;
}

async function namedVolume(): Promise<string> {
  const name = `bosun-lc-${process.pid}-${volumes.length}`;
  const made = await t.engine.json('POST', '/volumes/create', { Name: name, Labels: { ...TEST_LABELS } });
  if (made.status !== 201) throw new Error(`volume create failed: ${made.status}`);
  volumes.push(name);
  return name;
}

async function remove(ids: string[], more: { removeVolumes?: boolean; force?: boolean } = {}) {
  return (await t.client.call('containers.remove', { connectionId, ids, ...more })).results;
}

describe('containers.remove on the real engine', () => {
  it('refuses a running container without force, says what to do, and leaves it running', async () => {
    const named = await namedVolume();
    const id = await withVolumes(named);
    const [result] = await remove([id]);
    expect(result).toMatchObject({ id, ok: false, code: 'CONFLICT' });
    expect(result!.message).toMatch(
      /is running, so it was not removed\. Stop it first, or remove it with force/,
    );
    expect((await state(id)).Running).toBe(true);
  });

  it('with force and volumes: the container and its anonymous volume are gone, the named volume stays', async () => {
    const named = await namedVolume();
    const id = await withVolumes(named);
    const anonymous = await volumeAt(id, '/data');
    const [result] = await remove([id], { force: true, removeVolumes: true });
    expect(result).toEqual({
      id,
      ok: true,
      message: `removed with its anonymous volume ${anonymous.slice(0, 12)}`,
      removedVolumes: [anonymous],
    });
    expect(await exists(`/containers/${id}/json`)).toBe(false);
    expect(await exists(`/volumes/${anonymous}`)).toBe(false);
    expect(await exists(`/volumes/${named}`)).toBe(true);
  });

  it('without volumes: the anonymous volume stays, and the result says so', async () => {
    const named = await namedVolume();
    const id = await withVolumes(named);
    const anonymous = await volumeAt(id, '/data');
    const [result] = await remove([id], { force: true });
    expect(result).toMatchObject({ ok: true, keptVolumes: [anonymous] });
    expect(result!.message).toContain('kept (removing volumes was not asked for)');
    expect(await exists(`/containers/${id}/json`)).toBe(false);
    expect(await exists(`/volumes/${anonymous}`)).toBe(true);
  });

  it('keeps an anonymous volume another container still uses, and names it in the result', async () => {
    const named = await namedVolume();
    const id = await withVolumes(named);
    const anonymous = await volumeAt(id, '/data');
    const heir = await runTestContainer(t.engine, {
      image: t.env.images.busybox,
      cmd: ['sleep', '3600'],
      hostConfig: { VolumesFrom: [id] },
    });
    created.push(heir);
    const preview = await t.client.call('containers.removalImpact', { connectionId, ids: [id] });
    const heirName = (await t.engine.json<{ Name: string }>('GET', `/containers/${heir}/json`)).value.Name;
    expect(preview.containers[0]!.anonymousVolumes).toEqual([
      expect.objectContaining({ name: anonymous, sharedWith: [heirName.replace(/^\//, '')] }),
    ]);
    const [result] = await remove([id], { force: true, removeVolumes: true });
    expect(result).toMatchObject({ ok: true, keptVolumes: [anonymous] });
    expect(result!.message).toContain('kept: another container still uses it');
    expect(await exists(`/volumes/${anonymous}`)).toBe(true);
  });

  it('a container that vanished before its turn is NOT_FOUND; the others are removed', async () => {
    const [first, vanishing, last] = await Promise.all(
      [0, 1, 2].map(() =>
        runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '3600'] }),
      ),
    );
    created.push(first!, vanishing!, last!);
    await t.engine.json('DELETE', `/containers/${vanishing}?force=1`);
    const results = await remove([first!, vanishing!, last!], { force: true });
    expect(results).toEqual([
      { id: first, ok: true, message: 'removed' },
      { id: vanishing, ok: false, code: 'NOT_FOUND', message: expect.stringContaining('is gone') },
      { id: last, ok: true, message: 'removed' },
    ]);
    expect(await exists(`/containers/${first}/json`)).toBe(false);
    expect(await exists(`/containers/${last}/json`)).toBe(false);
  });
});

describe('containers.removalImpact on the real engine', () => {
  it("matches the engine's own size=1 answer and its mounts, and says why volume sizes are unknown", async () => {
    const named = await namedVolume();
    const id = await withVolumes(
      named,
      'dd if=/dev/zero of=/big bs=1k count=64 2>/dev/null; echo x > /data/x; sleep 3600',
    );
    const anonymous = await volumeAt(id, '/data');
    const sizeRw = async (): Promise<number> => {
      const filters = encodeURIComponent(JSON.stringify({ id: [id] }));
      const rows = (
        await t.engine.json<{ SizeRw?: number }[]>('GET', `/containers/json?all=1&size=1&filters=${filters}`)
      ).value;
      return rows[0]?.SizeRw ?? 0;
    };
    await expect.poll(sizeRw).toBeGreaterThanOrEqual(65_536);
    const gone = 'feedface'.repeat(8);
    const report = await t.client.call('containers.removalImpact', { connectionId, ids: [id, gone] });
    expect(report.failures).toEqual([
      { id: gone, code: 'NOT_FOUND', message: expect.stringContaining('is gone') },
    ]);
    const [impact] = report.containers;
    expect(impact).toMatchObject({
      id,
      state: 'running',
      running: true,
      writableBytes: await sizeRw(),
      anonymousVolumes: [{ name: anonymous, destination: '/data', sharedWith: [] }],
      kept: [{ type: 'volume', source: named, destination: '/named' }],
    });
    const version = (await t.engine.json<{ ApiVersion: string }>('GET', '/version')).value.ApiVersion;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major === 1 && minor < 42) {
      expect(impact!.anonymousVolumes[0]).not.toHaveProperty('sizeBytes');
      expect(report.volumeSizesNote).toContain(`API ${version}`);
    } else {
      expect(impact!.anonymousVolumes[0]!.sizeBytes).toBeGreaterThan(0);
      expect(report.volumeSizesNote).toBeUndefined();
    }
  });
});

describe('an engine that goes away', () => {
  it('fails removal with UNAVAILABLE naming the engine, and removes nothing', async () => {
    const proxy = new EngineProxy(t.env.dockerSocketPath);
    await proxy.start();
    try {
      const added = await t.client.call('connections.add', { name: 'going away', endpoint: proxy.endpoint });
      expect(added.status.state).toBe('connected');
      const id = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '3600'] });
      created.push(id);
      await proxy.stop();
      const outcome = await t.client
        .call('containers.remove', { connectionId: added.id, ids: [id], force: true })
        .then(
          (value) => value.results[0],
          (error: unknown) => error,
        );
      // Either the core already knows the engine is gone (the call fails) or the item does: never a success.
      const failure = isAppError(outcome)
        ? outcome
        : (outcome as { ok: boolean; code?: string; message: string });
      expect('ok' in failure ? failure.ok : false).toBe(false);
      expect(failure.code).toBe('UNAVAILABLE');
      expect(failure.message).toContain(proxy.endpoint.replace(/^tcp:\/\//, ''));
      expect(await exists(`/containers/${id}/json`)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });
});
