import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import { SECRET_MASK } from '../../shared/contract';
import { formatPorts } from '../../shared/format/ports';
import { EngineProxy } from '../testing/engine-proxy';
import { removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;
let connectionId: string;
let id: string;
const created: string[] = [];
const volume = `bosun-inspect-${process.pid}`;

/** The engine's own inspect document, the reference for every assertion. */
async function engineDoc(container: string): Promise<Record<string, unknown>> {
  return (await t.engine.json<Record<string, unknown>>('GET', `/containers/${container}/json`)).value;
}

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  await t.engine.json('POST', '/volumes/create', { Name: volume, Labels: { ...TEST_LABELS } });
  const made = await t.engine.json<{ Id?: string; message?: string }>(
    'POST',
    `/containers/create?name=bosun-inspect-${process.pid}`,
    {
      Image: t.env.images.busybox,
      Entrypoint: ['sh', '-c'],
      Cmd: ['httpd -f -p 80 -h /data'],
      Env: ['DB_PASSWORD=hunter2', 'CACHE_URL=redis://app:s3cret@cache:6379/0', 'KEYBOARD_LAYOUT=us'],
      WorkingDir: '/data',
      ExposedPorts: { '80/tcp': {}, '9000/tcp': {} },
      Healthcheck: { Test: ['CMD', 'true'], Interval: 1_000_000_000, Retries: 2 },
      Labels: {
        ...TEST_LABELS,
        'com.docker.compose.project': 'inspect',
        'com.docker.compose.service': 'web',
      },
      HostConfig: {
        Binds: [`${volume}:/data`],
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        Memory: 64 * 1024 * 1024,
      },
    },
  );
  if (!made.value.Id) throw new Error(`create failed: ${made.value.message ?? made.status}`);
  id = made.value.Id;
  created.push(id);
  const started = await t.engine.json('POST', `/containers/${id}/start`);
  if (started.status !== 204) throw new Error(`start failed: ${started.status}`);
});

afterAll(async () => {
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.engine.json('DELETE', `/volumes/${volume}`);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('containers.inspect on the real engine', () => {
  it('summarizes env (masked), healthcheck, the volume, the published port and the restart policy', async () => {
    await expect
      .poll(async () => (await engineDoc(id))['State'] as { Health?: { Log?: unknown[] } }, {
        timeout: 15_000,
      })
      .toMatchObject({ Health: { Log: [expect.anything()] } });
    const reference = await engineDoc(id);
    const { summary, raw, secrets, revealed } = await t.client.call('containers.inspect', {
      connectionId,
      containerId: id,
    });
    expect(revealed).toBe(false);
    expect(secrets).toBe(2);
    expect(summary).toMatchObject({
      id,
      name: `bosun-inspect-${process.pid}`,
      image: { ref: t.env.images.busybox, id: reference['Image'] },
      state: { status: 'running', exitCode: 0, oomKilled: false, restartCount: 0 },
      pid1: {
        hostPid: (reference['State'] as { Pid: number }).Pid,
        command: { argv: ['sh', '-c', 'httpd -f -p 80 -h /data'] },
      },
      entrypoint: { effective: { argv: ['sh', '-c'] }, source: 'container' },
      cmd: { effective: { argv: ['httpd -f -p 80 -h /data'] }, source: 'container', image: { argv: ['sh'] } },
      workingDir: '/data',
      restartPolicy: { name: 'on-failure', maxRetries: 3 },
      healthcheck: {
        kind: 'CMD',
        test: { line: 'true' },
        interval: '1s',
        retries: '2',
        timeout: '30s (default)',
      },
      resources: [expect.objectContaining({ key: 'Memory limit', value: '64 MiB' }), expect.anything()],
    });
    expect(summary.env).toEqual(
      expect.arrayContaining([
        { name: 'DB_PASSWORD', value: SECRET_MASK, secret: 'name', masked: true },
        { name: 'CACHE_URL', value: `redis://app:${SECRET_MASK}@cache:6379/0`, secret: 'url', masked: true },
        { name: 'KEYBOARD_LAYOUT', value: 'us', masked: false },
      ]),
    );
    expect(summary.healthcheck!.log[0]).toMatchObject({ exitCode: 0 });
    expect(summary.labels.compose.map((label) => label.key)).toEqual([
      'com.docker.compose.project',
      'com.docker.compose.service',
    ]);
    expect(summary.mounts).toEqual([
      expect.objectContaining({
        type: 'volume',
        volumeName: volume,
        destination: '/data',
        mode: 'rw',
        anonymous: false,
      }),
    ]);
    const hostPort = (reference['NetworkSettings'] as { Ports: Record<string, { HostPort: string }[]> })
      .Ports['80/tcp']![0]!.HostPort;
    expect(formatPorts(summary.ports)).toEqual([`127.0.0.1:${hostPort}→80/tcp`, '9000/tcp']);
    expect(summary.networks).toEqual([
      expect.objectContaining({ name: 'bridge', ipAddress: expect.stringMatching(/\/\d+$/) }),
    ]);
    // The raw document is the engine's, with the same secrets masked and nothing else changed.
    const env = (raw as { Config: { Env: string[] } }).Config.Env;
    expect(env).toContain(`DB_PASSWORD=${SECRET_MASK}`);
    expect(JSON.stringify(raw)).not.toMatch(/hunter2|s3cret/);
    expect((raw as { Id: string }).Id).toBe(id);
  });

  it('reveals secrets only when asked', async () => {
    const { summary, raw, revealed } = await t.client.call('containers.inspect', {
      connectionId,
      containerId: id,
      reveal: true,
    });
    expect(revealed).toBe(true);
    expect(summary.env).toContainEqual({
      name: 'DB_PASSWORD',
      value: 'hunter2',
      secret: 'name',
      masked: false,
    });
    expect((raw as { Config: { Env: string[] } }).Config.Env).toEqual(
      ((await engineDoc(id))['Config'] as { Env: string[] }).Env,
    );
  });

  it('says a removed container is gone', async () => {
    const made = await t.engine.json<{ Id: string }>('POST', '/containers/create', {
      Image: t.env.images.busybox,
      Labels: { ...TEST_LABELS },
      HostConfig: { NetworkMode: 'none' },
    });
    await t.engine.json('DELETE', `/containers/${made.value.Id}?force=1`);
    await expect(
      t.client.call('containers.inspect', { connectionId, containerId: made.value.Id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^Container [0-9a-f]{12} is gone: it was removed/),
    });
  });

  it('says when the engine went away, and what to do', async () => {
    const proxy = new EngineProxy(t.env.dockerSocketPath);
    await proxy.start();
    try {
      const added = await t.client.call('connections.add', {
        name: 'inspect away',
        endpoint: proxy.endpoint,
      });
      expect(added.status.state).toBe('connected');
      await proxy.stop();
      const error = await t.client
        .call('containers.inspect', { connectionId: added.id, containerId: id })
        .then(
          () => undefined,
          (failure: unknown) => failure as { code: string; message: string },
        );
      expect(error?.code).toBe('UNAVAILABLE');
      expect(error?.message).toContain(proxy.endpoint.replace(/^tcp:\/\//, ''));
    } finally {
      await proxy.stop();
    }
  });
});
