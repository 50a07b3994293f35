import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection, Payload } from '../../shared/contract';
import { createTestContainer, removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';
import { EngineProxy } from '../testing/engine-proxy';

let t: IntCore;
let proxy: EngineProxy | undefined;
const created: string[] = [];

async function connection(id: string): Promise<Connection> {
  const found = (await t.client.call('connections.list', {})).find((c) => c.id === id);
  if (!found) throw new Error(`no connection ${id}`);
  return found;
}

beforeAll(async () => {
  t = await startIntCore();
  created.push(await createTestContainer(t.engine, t.env.images.busybox));
});

afterAll(async () => {
  if (!t) return;
  await proxy?.stop();
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('connections against the real test engine', () => {
  it('discovers DOCKER_HOST as the current engine and connects to it', async () => {
    await vi.waitFor(async () => expect((await connection('docker-host')).status.state).toBe('connected'), {
      timeout: 10_000,
    });
    const host = await connection('docker-host');
    expect(host).toMatchObject({
      source: 'docker-host',
      current: true,
      endpoint: t.env.dockerHost,
      tls: false,
    });
    expect(host.status.engine).toMatchObject({ os: 'linux', apiVersion: expect.stringMatching(/^1\.\d+$/) });
    // Only the test engine: discovery never saw this machine's own sockets.
    expect((await t.client.call('connections.list', {})).map((c) => c.id)).toEqual(['docker-host']);
  });

  it('lists a socket that does not exist as unavailable, and returns it in failures beside the good rows', async () => {
    const missing = join(t.test.root, 'missing.sock');
    const added = await t.client.call('connections.add', {
      name: 'Gone engine',
      endpoint: `unix://${missing}`,
    });
    expect(added).toMatchObject({ id: 'gone-engine', source: 'user', status: { state: 'unavailable' } });
    expect(added.status.reason).toBe(`The Docker socket ${missing} does not exist.`);
    expect(added.status.hint).toMatch(/Is the engine running\?/);
    const listed = await t.client.call('containers.list', {});
    expect(listed.rows.map((r) => r.id)).toContain(created[0]);
    expect(listed.failures).toEqual([
      {
        connectionId: 'gone-engine',
        code: 'UNAVAILABLE',
        message: expect.stringContaining('does not exist'),
      },
    ]);
    expect(await t.client.call('connections.remove', { id: 'gone-engine' })).toEqual({ id: 'gone-engine' });
    const refused = t.client.call('connections.remove', { id: 'docker-host' });
    await expect(refused).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('DOCKER_HOST'),
    });
  });

  it('rejects a malformed endpoint through the contract and saves nothing', async () => {
    await expect(
      t.client.call('connections.add', { name: 'bad', endpoint: 'tcp://127.0.0.1:99999' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('1 to 65535'),
    });
    expect((await t.client.call('connections.list', {})).map((c) => c.id)).not.toContain('bad');
  });

  it('goes unavailable when the engine drops away and comes back with a full re-list', async () => {
    proxy = new EngineProxy(t.env.dockerSocketPath, { path: join(t.test.root, 'proxy.sock') });
    await proxy.start();
    const statuses: string[] = [];
    const fulls: Payload<'containers.changed'>[] = [];
    const onConnections = t.client.subscribe('connections.changed', {}, (payload) => {
      if (payload.ids.includes('proxied'))
        void connection('proxied').then((c) => statuses.push(c.status.state));
    });
    const onContainers = t.client.subscribe(
      'containers.changed',
      { connectionIds: ['proxied'] },
      (payload) => {
        if (payload.full) fulls.push(payload);
      },
    );
    await Promise.all([onConnections.ready, onContainers.ready]);
    try {
      const added = await t.client.call('connections.add', { name: 'proxied', endpoint: proxy.endpoint });
      expect(added.status.state).toBe('connected');
      const through = await t.client.call('containers.list', { connectionIds: ['proxied'] });
      expect(through.rows.map((r) => r.id)).toContain(created[0]);

      await proxy.stop();
      await vi.waitFor(async () => expect((await connection('proxied')).status.state).toBe('reconnecting'), {
        timeout: 5_000,
      });
      const down = await connection('proxied');
      expect(down.status.reason).toMatch(/closed its event stream|closed the connection|does not exist/);
      const failed = await t.client.call('containers.list', { connectionIds: ['proxied', 'docker-host'] });
      expect(failed.failures.map((f) => f.connectionId)).toEqual(['proxied']);
      expect(failed.rows.map((r) => r.id)).toContain(created[0]);

      const fullsBefore = fulls.length;
      await proxy.start();
      await vi.waitFor(async () => expect((await connection('proxied')).status.state).toBe('connected'), {
        timeout: 15_000,
      });
      await vi.waitFor(() => expect(fulls.length).toBeGreaterThan(fullsBefore), { timeout: 2_000 });
      expect(fulls.at(-1)).toEqual({ connectionId: 'proxied', ids: [], full: true });
      const back = await t.client.call('containers.list', { connectionIds: ['proxied'] });
      expect(back.failures).toEqual([]);
      expect(back.rows.map((r) => r.id)).toContain(created[0]);
      expect(statuses).toContain('reconnecting');
      expect(t.logs.join('\n')).toMatch(/proxied .* was lost/);
    } finally {
      onConnections.close();
      onContainers.close();
    }
  });

  it('retries on demand through the contract', async () => {
    const retried = await t.client.call('connections.retry', { id: 'docker-host' });
    expect(retried.status.state).toBe('connected');
    await expect(t.client.call('connections.retry', { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses the test socket under another name (a symlink) as the engine already listed', async () => {
    const link = join(t.test.root, 'link.sock');
    await symlink(t.env.dockerSocketPath, link);
    await expect(
      t.client.call('connections.add', { name: 'again', endpoint: `unix://${link}` }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('(id docker-host'),
    });
    expect((await t.client.call('connections.list', {})).map((c) => c.id)).not.toContain('again');
  });

  it('rediscovers on demand through the contract, keeping the live connection', async () => {
    const before = await connection('docker-host');
    const listed = await t.client.call('connections.rediscover', {});
    expect(listed.map((c) => c.id)).toContain('docker-host');
    const after = await connection('docker-host');
    expect(after.status).toMatchObject({ state: 'connected', retryable: true, since: before.status.since });
  });
});
