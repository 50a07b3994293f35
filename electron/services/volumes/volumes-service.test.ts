import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeEngine, hexId } from '../testing/fake-engine';
import { fakeDirectory } from '../testing/fake-directory';
import { fakeVolume } from '../testing/fake-resources';
import { VolumesService } from './volumes-service';

const ANON_OLD = 'a'.repeat(64);
const ANON_LABELLED = 'b'.repeat(64);

let close: () => void = () => undefined;
afterEach(() => close());

async function setup(engine: FakeEngine) {
  const directory = await fakeDirectory({ lab: engine });
  close = directory.close;
  return new VolumesService(directory);
}

function labEngine(apiVersion: string): FakeEngine {
  const engine = new FakeEngine();
  engine.apiVersion = apiVersion;
  engine.volumes.volumes = [
    fakeVolume('data'),
    fakeVolume('cache', { labels: { team: 'a' } }),
    fakeVolume(ANON_OLD),
    fakeVolume(ANON_LABELLED, { labels: { 'com.docker.volume.anonymous': '' } }),
  ];
  engine.volumes.mounts_ = [{ id: hexId(1), name: 'db', state: 'exited', volumes: ['data'] }];
  engine.volumes.sizes = [
    { name: 'cache', size: 2048, refCount: 0 },
    { name: ANON_OLD, size: 10, refCount: 0 },
    { name: ANON_LABELLED, size: null, refCount: 0 },
  ];
  return engine;
}

describe('VolumesService.list', () => {
  it('lists volumes with the containers mounting them, and tells anonymous ones apart', async () => {
    const service = await setup(labEngine('1.43'));
    const { rows } = await service.list({});
    expect(rows.map((r) => [r.name, r.anonymous, r.usedBy.map((c) => c.name)])).toEqual([
      [ANON_OLD, true, []],
      [ANON_LABELLED, true, []],
      ['cache', false, []],
      ['data', false, ['db']],
    ]);
  });
});

describe('VolumesService.remove', () => {
  it('names the containers that use a volume, stopped ones included', async () => {
    const engine = labEngine('1.43');
    engine.volumes.refusals.set(
      'data',
      new AppError('CONFLICT', 'refused', { said: 'volume is in use - [0001]' }),
    );
    const service = await setup(engine);
    const { results } = await service.remove({ connectionId: 'lab', names: ['data', 'cache', 'gone'] });
    expect(results[0]).toMatchObject({ id: 'data', ok: false, code: 'CONFLICT' });
    expect(results[0]!.message).toContain('db (exited)');
    expect(results[1]).toEqual({ id: 'cache', ok: true, message: 'removed' });
    expect(results[2]).toMatchObject({
      id: 'gone',
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringContaining('Refresh'),
    });
  });
});

describe('VolumesService.prune', () => {
  it('on API 1.42+ plans only volumes labelled anonymous, unless all, and sends all=true only then', async () => {
    const engine = labEngine('1.43');
    const service = await setup(engine);
    const plan = await service.prune({ connectionId: 'lab', dryRun: true, all: false });
    expect(plan.items.map((i) => i.id)).toEqual([ANON_LABELLED]);
    expect(plan.notes.join(' ')).toContain('named volumes stay');
    const all = await service.prune({ connectionId: 'lab', dryRun: true, all: true });
    expect(all.items.map((i) => [i.id, i.size])).toEqual([
      ['cache', 2048],
      [ANON_OLD, 10],
      [ANON_LABELLED, null],
    ]);
    expect(all.estimatedBytes).toBe(2058);
    engine.volumes.pruneOutcome = { deleted: ['cache', ANON_OLD, ANON_LABELLED], spaceReclaimed: 2058 };
    const done = await service.prune({ connectionId: 'lab', dryRun: false, all: true, label: 'team' });
    expect(engine.volumes.prunes).toEqual([{ all: true, label: 'team' }]);
    expect(done.spaceReclaimed).toBe(2058);
    expect(done.items.map((i) => i.outcome?.ok)).toEqual([true, true, true]);
  });

  it('on an older engine removes anonymous volumes one by one, so named ones survive', async () => {
    const engine = labEngine('1.41');
    const service = await setup(engine);
    const result = await service.prune({ connectionId: 'lab', dryRun: false, all: false });
    expect(engine.volumes.prunes).toEqual([]);
    expect(engine.volumes.calls).toEqual(['usage', `remove ${ANON_OLD}`, `remove ${ANON_LABELLED}`]);
    expect(result.items.map((i) => i.outcome)).toEqual([
      { ok: true, message: 'removed' },
      { ok: true, message: 'removed' },
    ]);
    expect(result.notes.join(' ')).toContain('API 1.41');
    expect(engine.volumes.volumes.map((v) => v.name)).toEqual(['data', 'cache']);
  });

  it('goes on without sizes when the engine cannot give them, and says so', async () => {
    const engine = labEngine('1.43');
    engine.volumes.usageError = new AppError('TIMEOUT', 'too slow');
    const service = await setup(engine);
    const plan = await service.prune({ connectionId: 'lab', dryRun: true, all: true });
    expect(plan.items.every((i) => i.size === null)).toBe(true);
    expect(plan.notes.join(' ')).toContain('space freed is unknown');
  });
});
