import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv } from '../../../e2e/env/test-env';
import { createTestContainer, removeTestContainers, runTestContainer } from '../../services/testing/int-core';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
let home: string;
const created: string[] = [];
const volumes: string[] = [];
const name = (role: string): string => `bosun-rm-${role}-${process.pid}`;

const bosun = (args: string[]) => runBosun(args, { home, dockerHost: env.dockerHost });
const exists = async (path: string): Promise<boolean> => (await engine.json('GET', path)).status === 200;

/** A running container named `role` with an anonymous volume at /data; returns its id and that volume. */
async function runWithVolume(role: string): Promise<{ id: string; volume: string }> {
  const id = await runTestContainer(engine, {
    image: env.images.busybox,
    cmd: ['sleep', '3600'],
    hostConfig: { Mounts: [{ Type: 'volume', Target: '/data' }] },
  });
  created.push(id);
  await engine.json('POST', `/containers/${id}/rename?name=${name(role)}`);
  const { value } = await engine.json<{ Mounts: { Name: string }[] }>('GET', `/containers/${id}/json`);
  const volume = value.Mounts[0]!.Name;
  volumes.push(volume);
  return { id, volume };
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-rm-'));
});

afterAll(async () => {
  await removeTestContainers(engine, created);
  await Promise.all(volumes.map((volume) => engine.json('DELETE', `/volumes/${volume}`)));
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun rm', () => {
  it('refuses a running container without -f with the core’s reason, and leaves it running', async () => {
    const { id } = await runWithVolume('running');
    const result = await bosun(['rm', name('running')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${name('running')}: ${name('running')} is running, so it was not removed. Stop it first, or remove it with force`,
    );
    expect(result.stderr).toContain('1 of 1 failed');
    expect(await exists(`/containers/${id}/json`)).toBe(true);
  });

  it('-f -v removes the container and its anonymous volume, and says so (JSON)', async () => {
    const { id, volume } = await runWithVolume('forced');
    const result = await bosun(['rm', '-f', '-v', '--json', name('forced')]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        connectionId: 'docker-host',
        id,
        name: name('forced'),
        ok: true,
        message: `removed with its anonymous volume ${volume.slice(0, 12)}`,
        removedVolumes: [volume],
      },
    ]);
    expect(await exists(`/containers/${id}/json`)).toBe(false);
    expect(await exists(`/volumes/${volume}`)).toBe(false);
  });

  it('without -v keeps the anonymous volume, and the line says it is kept', async () => {
    const { id, volume } = await runWithVolume('stopped');
    await engine.json('POST', `/containers/${id}/stop?t=0`);
    const result = await bosun(['rm', name('stopped')]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      `${name('stopped')}: removed; anonymous volume ${volume.slice(0, 12)} kept (removing volumes was not asked for)`,
    );
    expect(await exists(`/containers/${id}/json`)).toBe(false);
    expect(await exists(`/volumes/${volume}`)).toBe(true);
  });

  it('touches nothing when one of the names does not resolve', async () => {
    const id = await createTestContainer(engine, env.images.busybox, name('kept'));
    created.push(id);
    const result = await bosun(['rm', name('kept'), name('nosuch')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No container called "${name('nosuch')}"`);
    expect(await exists(`/containers/${id}/json`)).toBe(true);
  });
});
