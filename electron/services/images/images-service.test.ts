import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { fakeContainer, FakeEngine, hexId } from '../testing/fake-engine';
import { fakeDirectory } from '../testing/fake-directory';
import { fakeImage } from '../testing/fake-resources';
import { ImagesService } from './images-service';

const IMG = `sha256:${'1'.repeat(64)}`;
const DANGLING = `sha256:${'2'.repeat(64)}`;
const UNUSED = `sha256:${'3'.repeat(64)}`;

let close: () => void = () => undefined;
afterEach(() => close());

async function setup(engines: Record<string, FakeEngine | AppError>) {
  const directory = await fakeDirectory(engines);
  close = directory.close;
  return new ImagesService(directory);
}

function labEngine(): FakeEngine {
  const engine = new FakeEngine();
  engine.images.images = [
    fakeImage(IMG, { repoTags: ['local/app:1', 'local/app:latest'], size: 5000, created: 3000 }),
    fakeImage(DANGLING, { size: 700, created: 2000, labels: { team: 'a' } }),
    fakeImage(UNUSED, { repoTags: ['local/old:1'], size: 300, created: 1000 }),
  ];
  engine.containers.set(hexId(1), fakeContainer(hexId(1), { name: 'web', imageId: IMG, state: 'running' }));
  engine.containers.set(hexId(2), fakeContainer(hexId(2), { name: 'job', imageId: IMG, state: 'exited' }));
  return engine;
}

describe('ImagesService.list', () => {
  it('lists every engine with the containers using each image, and the engines that failed beside them', async () => {
    const down = new AppError('UNAVAILABLE', 'far is down. Start it.');
    const service = await setup({ lab: labEngine(), far: down });
    const { rows, failures } = await service.list({});
    expect(rows.map((r) => [r.id, r.dangling, r.containers.map((c) => c.name)])).toEqual([
      [IMG, false, ['web', 'job']],
      [DANGLING, true, []],
      [UNUSED, false, []],
    ]);
    expect(rows[0]).toMatchObject({
      connectionId: 'lab',
      repoTags: ['local/app:1', 'local/app:latest'],
      size: 5000,
    });
    expect(failures).toEqual([
      { connectionId: 'far', code: 'UNAVAILABLE', message: 'far is down. Start it.' },
    ]);
  });
});

describe('ImagesService.remove', () => {
  it('names the containers using an image instead of the engine short id, and what force would do', async () => {
    const engine = labEngine();
    engine.images.refusals.set(
      IMG,
      new AppError('CONFLICT', 'refused', {
        said: 'conflict: unable to delete 111111111111 (cannot be forced) - image is being used by running container 000000000001',
      }),
    );
    const service = await setup({ lab: engine });
    const { results } = await service.remove({ connectionId: 'lab', refs: [IMG, UNUSED], force: false });
    expect(results[0]).toMatchObject({ id: IMG, ok: false, code: 'CONFLICT' });
    expect(results[0]!.message).toContain('web (running), job (exited)');
    expect(results[0]!.message).toContain('not even force');
    expect(results[1]).toMatchObject({ id: UNUSED, ok: true, deleted: [UNUSED], untagged: ['local/old:1'] });
    expect(engine.images.calls).toContain(`remove ${IMG}`);
  });

  it('explains what untagging does when an image has several names', async () => {
    const engine = labEngine();
    engine.images.refusals.set(
      IMG,
      new AppError('CONFLICT', 'refused', {
        said: 'conflict: unable to delete 111111111111 (must be forced) - image is referenced in multiple repositories',
      }),
    );
    const service = await setup({ lab: engine });
    const { results } = await service.remove({
      connectionId: 'lab',
      refs: [IMG, 'local/app:latest'],
      force: false,
    });
    expect(results[0]!.message).toContain('local/app:1, local/app:latest');
    expect(results[0]!.message).toContain('the image stays while another name points at it');
    expect(results[1]).toMatchObject({ ok: true, untagged: ['local/app:latest'], deleted: [] });
    expect(results[1]!.message).toContain('the image stays');
  });

  it('says an image removed meanwhile is gone, and to refresh', async () => {
    const service = await setup({ lab: labEngine() });
    const { results } = await service.remove({ connectionId: 'lab', refs: ['local/nothere:1'], force: true });
    expect(results[0]).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(results[0]!.message).toMatch(/no longer on unix:\/\/\/lab\.sock.*Refresh/);
  });
});

describe('ImagesService.history', () => {
  it('answers the layers, and a clear NOT_FOUND for a gone image', async () => {
    const engine = labEngine();
    engine.images.history_[IMG] = [
      { id: IMG, created: 1, createdBy: 'CMD ["sh"]', size: 0, tags: [], comment: '' },
    ];
    const service = await setup({ lab: engine });
    expect((await service.history({ connectionId: 'lab', image: IMG })).layers).toHaveLength(1);
    await expect(service.history({ connectionId: 'lab', image: UNUSED })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Refresh the list'),
    });
  });
});

describe('ImagesService.prune', () => {
  it('plans dangling unused images in a dry run without touching the engine', async () => {
    const engine = labEngine();
    const service = await setup({ lab: engine });
    const plan = await service.prune({ connectionId: 'lab', dryRun: true, all: false });
    expect(plan.items).toEqual([{ id: DANGLING, name: '<none> (222222222222)', size: 700 }]);
    expect(plan).toMatchObject({ dryRun: true, estimatedBytes: 700, spaceReclaimed: null });
    expect(engine.images.prunes).toEqual([]);
    const all = await service.prune({ connectionId: 'lab', dryRun: true, all: true });
    expect(all.items.map((i) => i.id)).toEqual([DANGLING, UNUSED]);
    expect(all.notes.join(' ')).toContain('named ones included');
  });

  it('prunes with the same filters, bounded by the newest image listed, and settles the plan', async () => {
    const engine = labEngine();
    const extra = `sha256:${'4'.repeat(64)}`;
    engine.images.pruneOutcome = {
      untagged: [],
      deleted: [DANGLING, 'sha256:layer', extra],
      spaceReclaimed: 650,
    };
    // Not in the plan (another label): the engine removing it anyway must show, not vanish.
    engine.images.images.push(fakeImage(extra, { size: 5, created: 500, labels: { team: 'b' } }));
    const service = await setup({ lab: engine });
    const result = await service.prune({ connectionId: 'lab', dryRun: false, all: false, label: 'team=a' });
    expect(engine.images.prunes).toEqual([{ danglingOnly: true, label: 'team=a', until: 4000 }]);
    expect(result.spaceReclaimed).toBe(650);
    expect(result.items.map((i) => [i.id, i.outcome?.ok])).toEqual([
      [DANGLING, true],
      [extra, true],
    ]);
    expect(result.items[1]!.outcome!.message).toContain('removed too');
  });

  it('says when the engine kept a planned image', async () => {
    const engine = labEngine();
    const service = await setup({ lab: engine });
    const result = await service.prune({ connectionId: 'lab', dryRun: false, all: false });
    expect(result.items[0]!.outcome).toEqual({ ok: false, message: expect.stringContaining('Not removed') });
  });
});
