import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapFlag, NetworkMap, StorageMap } from '../../shared/contract';
import type { IntCore } from '../testing/int-core';
import { endResourceRun, startResourceRun, type TestResources } from '../testing/int-resources';

let t: IntCore;
let res: TestResources;
let connectionId: string;
let dir: string;
const ids: Record<string, string> = {};
let nfsVolume = '';
let netA = '';
let netB = '';

const flagsAbout = (map: { flags: MapFlag[] }, id: string, kind: MapFlag['kind']): MapFlag[] =>
  map.flags.filter((f) => f.kind === kind && f.containers.some((c) => c.id === id));

async function create(name: string, body: Record<string, unknown>): Promise<string> {
  const made = await t.engine.json<{ Id?: string; message?: string }>('POST', '/containers/create', {
    Image: 'local/busybox:1',
    Cmd: ['sleep', '3600'],
    Labels: res.labels,
    ...body,
  });
  if (made.status !== 201 || !made.value.Id) throw new Error(`create ${name}: ${made.value.message}`);
  res.track(made.value.Id);
  ids[name] = made.value.Id;
  return made.value.Id;
}

async function start(id: string): Promise<void> {
  const started = await t.engine.json<{ message?: string }>('POST', `/containers/${id}/start`);
  if (started.status !== 204) throw new Error(`start: ${started.value?.message ?? started.status}`);
}

beforeAll(async () => {
  ({ t, res, connectionId } = await startResourceRun());
  dir = await mkdtemp(join(tmpdir(), 'bosun-maps-'));
  await writeFile(join(dir, 'app.conf'), 'setting=1\n');
  const shared = join(dir, 'shared');
  // Two writers on one host directory; one also mounts a single file.
  ids['writerA'] = await res.running({
    Binds: [`${shared}:/out`, `${join(dir, 'app.conf')}:/etc/app.conf:ro`],
  });
  ids['writerB'] = await res.running({ Binds: [`${shared}:/data`] });
  // The engine socket, read-only (still control of the engine).
  ids['socket'] = await res.running({ Binds: [`${t.env.dockerSocketPath}:/var/run/docker.sock:ro`] });
  // An NFS-typed volume, defined but never mounted: its container is created, not started.
  const volume = await t.engine.json<{ Name?: string; message?: string }>('POST', '/volumes/create', {
    Name: `bosun-maps-nfs-${res.run}`,
    Driver: 'local',
    DriverOpts: { type: 'nfs', o: 'addr=127.0.0.1', device: ':/x' },
    Labels: res.labels,
  });
  if (volume.status !== 201 || !volume.value.Name) throw new Error(`volume: ${volume.value.message}`);
  nfsVolume = volume.value.Name;
  await create('nfsUser', { HostConfig: { NetworkMode: 'none', Binds: [`${nfsVolume}:/mnt/nfs`] } });
  // Two user networks, a container bridging them, one on each side; one port on every interface.
  netA = await res.network(`bosun-maps-a-${res.run}`);
  netB = await res.network(`bosun-maps-b-${res.run}`);
  await create('left', {
    HostConfig: { NetworkMode: netA, PortBindings: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '' }] } },
    ExposedPorts: { '80/tcp': {} },
  });
  await create('middle', { HostConfig: { NetworkMode: netA } });
  await create('right', { HostConfig: { NetworkMode: netB } });
  const joined = await t.engine.json('POST', `/networks/${netB}/connect`, { Container: ids['middle'] });
  if (joined.status !== 200) throw new Error(`connect: ${joined.status}`);
  for (const name of ['left', 'middle', 'right']) await start(ids[name]!);
}, 60_000);

afterAll(async () => {
  // Containers go first (cleanup), then the NFS volume they held, then the temp dir.
  await endResourceRun(t, res);
  if (nfsVolume) await t.engine.json('DELETE', `/volumes/${nfsVolume}`);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('maps.storage on the test engine', () => {
  let map: StorageMap;
  beforeAll(async () => {
    map = await t.client.call('maps.storage', { connectionId }, { timeoutMs: 240_000 });
  }, 240_000);

  it('flags the host directory both containers write, with each mount as evidence', () => {
    const [flag] = flagsAbout(map, ids['writerA']!, 'shared-write-path');
    expect(flag?.containers.map((c) => c.id).sort()).toEqual([ids['writerA'], ids['writerB']].sort());
    expect(flag?.nodes).toContain(`hostPath:${join(dir, 'shared')}`);
    expect(map.edges.filter((e) => e.to === `hostPath:${join(dir, 'shared')}`)).toHaveLength(2);
  });

  it('flags the engine socket as critical', () => {
    const [flag] = flagsAbout(map, ids['socket']!, 'engine-socket');
    expect(flag?.severity).toBe('critical');
    expect(flag?.evidence).toContainEqual({
      container: expect.any(String),
      field: 'Mounts[].Source',
      value: t.env.dockerSocketPath,
    });
  });

  it('flags the NFS volume and draws it with its driver options', () => {
    const [flag] = flagsAbout(map, ids['nfsUser']!, 'network-volume');
    expect(flag?.title).toContain(nfsVolume);
    expect(flag?.evidence).toContainEqual({ field: 'Volume.Options.type', value: 'nfs' });
    const node = map.nodes.find((n) => n.id === `volume:${nfsVolume}`);
    expect(node?.facts).toContainEqual({ name: 'option o', value: 'addr=127.0.0.1' });
  });

  it('asks the engine which bind mounts are single files', () => {
    const single = flagsAbout(map, ids['writerA']!, 'single-file-bind');
    expect(single.map((f) => f.evidence.find((e) => e.field.endsWith('Destination'))?.value)).toEqual([
      '/etc/app.conf',
    ]);
    expect(flagsAbout(map, ids['writerB']!, 'single-file-bind')).toEqual([]);
  });

  it('sizes writable layers', () => {
    const node = map.nodes.find((n) => n.id === `container:${ids['writerA']}`);
    expect(node?.sizeBytes).toEqual(expect.any(Number));
  });
});

describe('maps.network on the test engine', () => {
  let map: NetworkMap;
  beforeAll(async () => {
    map = await t.client.call('maps.network', { connectionId });
  }, 120_000);

  const pair = (a: string, b: string) =>
    map.reachability.pairs.find(
      (p) => (p.from === ids[a] && p.to === ids[b]) || (p.from === ids[b] && p.to === ids[a]),
    );

  it('reaches through the bridging container, not around it', () => {
    expect(pair('left', 'middle')).toMatchObject({ via: [`bosun-maps-a-${res.run}`], live: true });
    expect(pair('middle', 'right')).toMatchObject({ via: [`bosun-maps-b-${res.run}`], live: true });
    expect(pair('left', 'right')).toBeUndefined();
    const middle = map.edges.filter((e) => e.from === `container:${ids['middle']}` && e.kind === 'network');
    expect(middle.map((e) => e.to).sort()).toEqual([`network:${netA}`, `network:${netB}`].sort());
    expect(middle.every((e) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(e.label))).toBe(true);
  });

  it('marks the port published on 0.0.0.0 as exposed', () => {
    const [flag] = flagsAbout(map, ids['left']!, 'exposed-port');
    expect(flag?.severity).toBe('medium');
    expect(flag?.evidence[0]).toMatchObject({
      field: 'NetworkSettings.Ports["80/tcp"][].HostIp',
      value: expect.stringMatching(/^0\.0\.0\.0:\d+$/),
    });
    expect(map.nodes.some((n) => n.kind === 'port' && n.id.startsWith(`port:${ids['left']}:0.0.0.0:`))).toBe(
      true,
    );
  });

  it('puts containers on none in the matrix as reaching nothing', () => {
    const socket = map.reachability.containers.find((c) => c.id === ids['socket']);
    expect(socket).toMatchObject({ mode: 'none' });
    expect(map.reachability.pairs.some((p) => p.from === ids['socket'] || p.to === ids['socket'])).toBe(
      false,
    );
  });
});

describe('maps errors', () => {
  it('answers NOT_FOUND for a connection nobody knows', async () => {
    await expect(t.client.call('maps.network', { connectionId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
