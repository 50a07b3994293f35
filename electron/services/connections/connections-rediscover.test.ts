import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionsHarness, type ConnectionsHarness } from '../testing/connections-harness';
import { contextDigest } from './discovery-contexts';

let h: ConnectionsHarness | undefined;

afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

async function put(path: string, content = ''): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

function contextMeta(home: string, name: string): string {
  return join(home, '.docker', 'contexts', 'meta', contextDigest(name), 'meta.json');
}

async function putContext(home: string, name: string, host: string): Promise<void> {
  await put(contextMeta(home, name), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
}

async function ids(harness: ConnectionsHarness): Promise<string[]> {
  return (await harness.service.list()).map((c) => c.id);
}

describe('ConnectionsService: rediscovery', () => {
  it('lists an engine whose socket appears after start, and drops it when the socket goes', async () => {
    h = await connectionsHarness({}, undefined, { rediscoverDebounceMs: 20 });
    const harness = h;
    expect(await ids(harness)).toEqual([]);
    await writeFile(harness.test.systemPaths.defaultSocket, '');
    await vi.waitFor(async () => expect(await ids(harness)).toEqual(['default-socket']), { timeout: 3_000 });
    await vi.waitFor(() => expect(harness.service.get('default-socket')?.state).toBe('connected'));

    await rm(harness.test.systemPaths.defaultSocket);
    await vi.waitFor(async () => expect(await ids(harness)).toEqual([]), { timeout: 3_000 });
    expect(harness.changed.flat()).toContain('default-socket');
    expect(harness.containers.at(-1)).toEqual({ connectionId: 'default-socket', ids: [], full: true });
    // The vanished engine's session is closed, not left streaming.
    expect(harness.engines).toHaveLength(1);
  });

  it('lists a docker context created after start, where ~/.docker did not exist yet', async () => {
    h = await connectionsHarness({}, undefined, { rediscoverDebounceMs: 20 });
    const harness = h;
    expect(await ids(harness)).toEqual([]);
    await putContext(harness.test.platform.homeDir, 'lab', 'tcp://10.0.0.5:2375');
    await vi.waitFor(async () => expect(await ids(harness)).toEqual(['context-lab']), { timeout: 3_000 });
    // docker context update rewrites meta.json in place.
    await putContext(harness.test.platform.homeDir, 'lab', 'tcp://10.0.0.6:2375');
    await vi.waitFor(
      async () => expect((await harness.service.list())[0]?.endpoint).toBe('tcp://10.0.0.6:2375'),
      { timeout: 3_000 },
    );
  });

  it('follows config.json: the current context moves without reconnecting anything', async () => {
    h = await connectionsHarness({}, undefined, { rediscoverDebounceMs: 20 });
    const harness = h;
    const home = harness.test.platform.homeDir;
    await putContext(home, 'a', 'tcp://10.0.0.1:2375');
    await putContext(home, 'b', 'tcp://10.0.0.2:2375');
    await put(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'a' }));
    const current = async (): Promise<string[]> =>
      (await harness.service.list()).filter((c) => c.current).map((c) => c.id);
    expect(await current()).toEqual(['context-a']);
    await vi.waitFor(() => expect(harness.engines).toHaveLength(2));
    await put(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'b' }));
    await vi.waitFor(async () => expect(await current()).toEqual(['context-b']), { timeout: 3_000 });
    expect(harness.engines).toHaveLength(2);
  });

  it('answers connections.rediscover at once: unchanged engines keep their session, changed ones get a new one', async () => {
    h = await connectionsHarness({}, undefined, { watchDiscovery: false });
    const harness = h;
    const home = harness.test.platform.homeDir;
    await putContext(home, 'keep', 'tcp://10.0.0.1:2375');
    await putContext(home, 'move', 'tcp://10.0.0.2:2375');
    await harness.service.add({ name: 'mine', endpoint: 'tcp://10.0.0.9:2375' });
    await vi.waitFor(() => expect(harness.engines).toHaveLength(3));
    const kept = harness.service.get('context-keep');

    await putContext(home, 'move', 'tcp://10.0.0.3:2375');
    await putContext(home, 'new', 'tcp://10.0.0.4:2375');
    const listed = await harness.service.rediscover();
    // Contexts come in the docker CLI's order (by directory digest), user-added ones after them.
    expect(listed.at(-1)?.id).toBe('mine');
    expect(listed.map((c) => [c.id, c.endpoint]).sort()).toEqual([
      ['context-keep', 'tcp://10.0.0.1:2375'],
      ['context-move', 'tcp://10.0.0.3:2375'],
      ['context-new', 'tcp://10.0.0.4:2375'],
      ['mine', 'tcp://10.0.0.9:2375'],
    ]);
    expect(harness.service.get('context-keep')).toBe(kept);
    await vi.waitFor(() => expect(harness.engines).toHaveLength(5));
    expect(
      harness.engines
        .slice(3)
        .map((e) => e.spec.id)
        .sort(),
    ).toEqual(['context-move', 'context-new']);
    expect(harness.containers).toContainEqual({ connectionId: 'context-move', ids: [], full: true });
  });

  it('stops watching on dispose', async () => {
    h = await connectionsHarness({}, undefined, { rediscoverDebounceMs: 20 });
    const harness = h;
    await harness.service.loaded();
    await harness.service.dispose();
    await writeFile(harness.test.systemPaths.defaultSocket, '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.service.all()).toEqual([]);
    expect(harness.engines).toEqual([]);
    expect(harness.internal).toEqual([]);
  });
});
