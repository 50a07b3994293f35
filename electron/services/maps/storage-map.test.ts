import { describe, expect, it } from 'vitest';
import { bindMount, hex, inspectDoc, volumeMount } from '../testing/map-fixtures';
import { fakeVolume } from '../testing/fake-resources';
import type { MapInspect } from './docker-inspect';
import type { StorageFacts } from './storage-facts';
import { buildStorageMap } from './storage-map';

function facts(inspects: MapInspect[], more: Partial<StorageFacts> = {}): StorageFacts {
  return {
    connectionId: 'lab',
    inspects,
    volumes: new Map(),
    volumeSizes: new Map(),
    writableSizes: new Map(),
    singleFiles: new Set(),
    ...more,
  };
}

const kinds = (map: ReturnType<typeof buildStorageMap>): string[] => map.flags.map((f) => f.kind);

describe('buildStorageMap', () => {
  it('draws containers, shared host paths and volumes as nodes, mounts as edges', () => {
    const web = inspectDoc(hex(1), 'web', {
      binds: ['/srv/site:/usr/share/nginx/html:ro', 'webdata:/data'],
      mounts: [bindMount('/srv/site/', '/usr/share/nginx/html', false), volumeMount('webdata', '/data')],
      tmpfs: { '/run': 'rw,size=64m' },
    });
    const api = inspectDoc(hex(2), 'api', {
      binds: ['/srv/site:/site:ro'],
      mounts: [bindMount('/srv/site', '/site', false)],
    });
    const map = buildStorageMap(
      facts([web, api], {
        volumes: new Map([['webdata', fakeVolume('webdata')]]),
        volumeSizes: new Map([['webdata', 5_000]]),
        writableSizes: new Map([[hex(1), 12]]),
      }),
    );
    expect(map.nodes.map((n) => n.id).sort()).toEqual(
      [
        `container:${hex(1)}`,
        `container:${hex(2)}`,
        'hostPath:/srv/site',
        'volume:webdata',
        `tmpfs:${hex(1)}:/run`,
      ].sort(),
    );
    expect(map.nodes.find((n) => n.id === 'volume:webdata')?.sizeBytes).toBe(5_000);
    expect(map.nodes.find((n) => n.id === `container:${hex(1)}`)?.sizeBytes).toBe(12);
    expect(map.edges.filter((e) => e.to === 'hostPath:/srv/site').map((e) => e.readOnly)).toEqual([
      true,
      true,
    ]);
    expect(map.edges.find((e) => e.kind === 'tmpfs')?.label).toBe('/run');
    // Read-only sharing is no collision; nothing here is sensitive.
    expect(map.flags).toEqual([]);
  });

  it('flags a host path written by two containers, nested paths too, and not read-only sharers', () => {
    const a = inspectDoc(hex(1), 'writer-a', { mounts: [bindMount('/data/shared', '/out')] });
    const b = inspectDoc(hex(2), 'writer-b', { mounts: [bindMount('/data/shared/b', '/out')] });
    const c = inspectDoc(hex(3), 'reader', { mounts: [bindMount('/data/shared', '/in', false)] });
    const map = buildStorageMap(facts([a, b, c]));
    const flag = map.flags.find((f) => f.kind === 'shared-write-path');
    expect(flag?.containers.map((x) => x.name).sort()).toEqual(['writer-a', 'writer-b']);
    expect(flag?.severity).toBe('medium');
    expect(flag?.evidence).toContainEqual({
      container: 'writer-b',
      field: 'Mounts[].Source',
      value: '/data/shared/b',
    });
    expect(flag?.why).toMatch(/overwrite/);
    const alone = buildStorageMap(facts([a, c]));
    expect(kinds(alone)).not.toContain('shared-write-path');
  });

  it('rates a collision high when a database writes there', () => {
    const db = inspectDoc(hex(1), 'db', {
      image: 'postgres:16',
      mounts: [bindMount('/srv/pg', '/var/lib/postgresql/data')],
    });
    const backup = inspectDoc(hex(2), 'backup', { mounts: [bindMount('/srv/pg', '/backup')] });
    expect(buildStorageMap(facts([db, backup])).flags[0]).toMatchObject({
      kind: 'shared-write-path',
      severity: 'high',
    });
  });

  it('flags the engine socket (critical even read-only) and sensitive paths', () => {
    const agent = inspectDoc(hex(1), 'agent', {
      mounts: [
        bindMount('/run/bosun-test/docker.sock', '/var/run/docker.sock', false),
        bindMount('/etc', '/host/etc', false),
        bindMount('/', '/host', false),
        bindMount('/home/ops/.ssh', '/root/.ssh', false),
        bindMount('/var/log', '/logs', false),
      ],
    });
    const map = buildStorageMap(facts([agent]));
    const socket = map.flags.find((f) => f.kind === 'engine-socket');
    expect(socket).toMatchObject({ severity: 'critical' });
    expect(socket?.why).toMatch(/read-only mount does not stop/);
    const sensitive = map.flags.filter((f) => f.kind === 'sensitive-path');
    expect(sensitive.map((f) => [f.evidence[0]!.value, f.severity]).sort()).toEqual([
      ['/', 'critical'],
      ['/etc', 'high'],
      ['/home/ops/.ssh', 'high'],
    ]);
    // The socket is flagged once, as the socket, not again as a path under /run.
    expect(map.flags.filter((f) => f.evidence[0]?.value === '/run/bosun-test/docker.sock')).toHaveLength(1);
    expect(map.flags[0]!.severity).toBe('critical');
  });

  it('rates a writable sensitive path critical', () => {
    const map = buildStorageMap(
      facts([inspectDoc(hex(1), 'x', { mounts: [bindMount('/var/lib/docker', '/d')] })]),
    );
    expect(map.flags[0]).toMatchObject({ kind: 'sensitive-path', severity: 'critical' });
  });

  it('flags network volumes (NFS options, plugins) once with every container, not local ones', () => {
    const nfs = fakeVolume('shared-nfs', {
      options: { type: 'nfs', o: 'addr=10.0.0.5,rw', device: ':/export' },
    });
    const plugin = fakeVolume('cloud', { driver: 'rexray/ebs' });
    const local = fakeVolume('plain');
    const a = inspectDoc(hex(1), 'a', {
      binds: ['shared-nfs:/n', 'plain:/p'],
      mounts: [volumeMount('shared-nfs', '/n'), volumeMount('plain', '/p')],
    });
    const b = inspectDoc(hex(2), 'b', {
      binds: ['shared-nfs:/n', 'cloud:/c'],
      mounts: [volumeMount('shared-nfs', '/n'), volumeMount('cloud', '/c')],
    });
    const map = buildStorageMap(
      facts([a, b], { volumes: new Map([nfs, plugin, local].map((v) => [v.name, v])) }),
    );
    const flags = map.flags.filter((f) => f.kind === 'network-volume');
    expect(flags.map((f) => f.id).sort()).toEqual(['network-volume:cloud', 'network-volume:shared-nfs']);
    const nfsFlag = flags.find((f) => f.id === 'network-volume:shared-nfs')!;
    expect(nfsFlag.containers.map((c) => c.name)).toEqual(['a', 'b']);
    expect(nfsFlag.evidence).toContainEqual({ field: 'Volume.Options.type', value: 'nfs' });
    expect(map.nodes.find((n) => n.id === 'volume:shared-nfs')?.facts).toContainEqual({
      name: 'option type',
      value: 'nfs',
    });
  });

  it('says what a remove would lose: anonymous volumes with sizes and a big writable layer', () => {
    const anon = hex(99);
    const db = inspectDoc(hex(1), 'cache', {
      binds: null as unknown as string[],
      mounts: [volumeMount(anon, '/var/lib/data')],
    });
    const small = inspectDoc(hex(2), 'small');
    const map = buildStorageMap(
      facts([db, small], {
        volumeSizes: new Map([[anon, 2_000_000]]),
        writableSizes: new Map([
          [hex(1), 50_000_000],
          [hex(2), 100],
        ]),
      }),
    );
    const lost = map.flags.filter((f) => f.kind === 'data-lost-on-remove');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.title).toBe(
      `Removing cache loses its writable layer (50 MB), anonymous volume ${anon.slice(0, 12)} at /var/lib/data (2 MB)`,
    );
    expect(map.nodes.find((n) => n.id === `volume:${anon}`)?.label).toMatch(/anonymous/);
  });

  it('keeps a named volume with a hex-looking name named when the container named it', () => {
    const name = hex(7);
    const c = inspectDoc(hex(1), 'c', { binds: [`${name}:/d`], mounts: [volumeMount(name, '/d')] });
    expect(kinds(buildStorageMap(facts([c])))).not.toContain('data-lost-on-remove');
  });

  it('flags single-file bind mounts the engine said are files', () => {
    const c = inspectDoc(hex(1), 'proxy', {
      mounts: [
        bindMount('/srv/nginx.conf', '/etc/nginx/nginx.conf', false),
        bindMount('/srv/html', '/html', false),
      ],
    });
    const map = buildStorageMap(facts([c], { singleFiles: new Set([`${hex(1)} /etc/nginx/nginx.conf`]) }));
    expect(map.flags.map((f) => f.id)).toEqual([`single-file-bind:${hex(1)}:/etc/nginx/nginx.conf`]);
    expect(map.flags[0]!.why).toMatch(/renam/);
  });
});
