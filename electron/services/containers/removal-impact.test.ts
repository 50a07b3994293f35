import { describe, expect, it } from 'vitest';
import { classifyMounts, impactOf, sizesVolumesAlone, type RawInspect } from './removal-impact';

const ANON = 'a'.repeat(64);
const ANON2 = 'b'.repeat(64);
const HEX_NAMED = 'c'.repeat(64);
const SELF = '1'.repeat(64);
const OTHER = '2'.repeat(64);
const TOGETHER = '3'.repeat(64);

const volume = (name: string, destination: string) => ({
  Type: 'volume',
  Name: name,
  Destination: destination,
});

// Modelled on what engine 20.10 answered for:
// docker run -v /data -v named:/named -v /tmp:/hostbind --mount type=volume,target=/m2 -v <64 hex>:/hex …
const inspect: RawInspect = {
  Id: SELF,
  Name: '/web-1',
  State: { Status: 'running', Running: true },
  HostConfig: {
    Binds: ['named:/named', '/tmp:/hostbind', `${HEX_NAMED}:/hex:ro`],
    Mounts: [{ Type: 'volume', Target: '/m2' }],
  },
  Mounts: [
    volume('named', '/named'),
    { Type: 'bind', Source: '/tmp', Destination: '/hostbind' },
    volume(ANON, '/m2'),
    volume(ANON2, '/data'),
    volume(HEX_NAMED, '/hex'),
    { Type: 'tmpfs', Destination: '/run' },
  ],
};

describe('classifyMounts', () => {
  it('finds the volumes rm -v deletes: unnamed ones from -v /dst, --mount without source and the image', () => {
    const { anonymous, kept } = classifyMounts(inspect);
    expect(anonymous).toEqual([
      { name: ANON, destination: '/m2' },
      { name: ANON2, destination: '/data' },
    ]);
    expect(kept).toEqual([
      { type: 'volume', source: 'named', destination: '/named' },
      { type: 'bind', source: '/tmp', destination: '/hostbind' },
      { type: 'volume', source: HEX_NAMED, destination: '/hex' },
    ]);
  });

  it('keeps a named volume inherited through --volumes-from named, and an inherited anonymous one anonymous', () => {
    const inherited: RawInspect = {
      HostConfig: { Binds: null, Mounts: null },
      Mounts: [volume('named', '/named'), volume(ANON, '/data')],
    };
    expect(classifyMounts(inherited)).toEqual({
      anonymous: [{ name: ANON, destination: '/data' }],
      kept: [{ type: 'volume', source: 'named', destination: '/named' }],
    });
  });
});

describe('impactOf', () => {
  it('adds sizes where known and names the other containers that hold a volume', () => {
    const impact = impactOf(inspect, {
      sizes: new Map([[SELF, 102_400]]),
      volumeSizes: new Map([
        [ANON, 12],
        [ANON2, -1],
      ]),
      users: new Map([
        [
          ANON,
          [
            { id: SELF, name: 'web-1' },
            { id: OTHER, name: 'sidecar' },
            { id: TOGETHER, name: 'web-2' },
          ],
        ],
      ]),
      removing: new Set([SELF, TOGETHER]),
    });
    expect(impact).toMatchObject({
      id: SELF,
      name: 'web-1',
      state: 'running',
      running: true,
      writableBytes: 102_400,
      anonymousVolumes: [
        { name: ANON, destination: '/m2', sizeBytes: 12, sharedWith: ['sidecar'] },
        { name: ANON2, destination: '/data', sharedWith: [] },
      ],
    });
    // -1 is the engine's "not measured", never a size.
    expect(impact.anonymousVolumes[1]).not.toHaveProperty('sizeBytes');
  });

  it('leaves the writable size out when the engine did not give one', () => {
    const impact = impactOf(
      { Id: SELF, Name: '/x', State: { Status: 'exited', Running: false } },
      { sizes: new Map(), volumeSizes: new Map(), users: new Map(), removing: new Set([SELF]) },
    );
    expect(impact).toEqual({
      id: SELF,
      name: 'x',
      state: 'exited',
      running: false,
      anonymousVolumes: [],
      kept: [],
    });
  });
});

describe('sizesVolumesAlone', () => {
  it('is true from API 1.42 on', () => {
    expect(sizesVolumesAlone('1.41')).toBe(false);
    expect(sizesVolumesAlone('1.42')).toBe(true);
    expect(sizesVolumesAlone('1.47')).toBe(true);
    expect(sizesVolumesAlone('2.0')).toBe(true);
    expect(sizesVolumesAlone('')).toBe(false);
  });
});
