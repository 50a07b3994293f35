import { describe, expect, it } from 'vitest';
import { labDirectory } from '../testing/fake-directory';
import { AppError } from '../../shared/errors';
import { fakeContainer, FakeEngine } from '../testing/fake-engine';
import { LifecycleService, removed } from './lifecycle-service';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('LifecycleService', () => {
  it('acts on each container once and answers one result each, in the order asked', async () => {
    const engine = new FakeEngine();
    engine.gone.add(B);
    const service = new LifecycleService(labDirectory(engine));
    const { results } = await service.act({ connectionId: 'lab', ids: [A, B, A], action: 'stop' });
    expect(results).toEqual([
      { id: A, ok: true, message: 'stopped' },
      { id: B, ok: false, code: 'NOT_FOUND', message: expect.stringContaining('gone') },
    ]);
    expect(engine.acted).toEqual([`stop ${A}`, `stop ${B}`]);
  });

  it('names the signal it sent', async () => {
    const service = new LifecycleService(labDirectory(new FakeEngine()));
    const sent = async (signal?: string) =>
      (await service.act({ connectionId: 'lab', ids: [A], action: 'kill', ...(signal ? { signal } : {}) }))
        .results[0]!.message;
    expect(await sent()).toBe('killed');
    expect(await sent('KILL')).toBe('killed');
    expect(await sent('HUP')).toBe('sent SIGHUP');
    expect(await sent('SIGUSR1')).toBe('sent SIGUSR1');
    expect(await sent('15')).toBe('sent signal 15');
  });

  it('says why when the connection is unknown or not connected', async () => {
    const down = new AppError('UNAVAILABLE', 'lab is still connecting.');
    const service = new LifecycleService(labDirectory(new FakeEngine(), down));
    await expect(service.act({ connectionId: 'nope', ids: [A], action: 'start' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.act({ connectionId: 'lab', ids: [A], action: 'start' })).rejects.toBe(down);
  });

  it('removes each container once, with force and volumes as asked, and refuses a running one without force', async () => {
    const engine = new FakeEngine();
    engine.containers.set(A, fakeContainer(A, { name: 'web', state: 'running' }));
    engine.containers.set(B, fakeContainer(B, { name: 'db', state: 'exited' }));
    engine.lifecycle.volumes.set(B, ['f'.repeat(64)]);
    const service = new LifecycleService(labDirectory(engine));
    const first = await service.remove({
      connectionId: 'lab',
      ids: [A, B, B],
      removeVolumes: true,
      force: false,
    });
    expect(first.results).toEqual([
      { id: A, ok: false, code: 'CONFLICT', message: 'web is running, so it was not removed.' },
      {
        id: B,
        ok: true,
        message: 'removed with its anonymous volume ffffffffffff',
        removedVolumes: ['f'.repeat(64)],
      },
    ]);
    const forced = await service.remove({ connectionId: 'lab', ids: [A], removeVolumes: false, force: true });
    expect(forced.results).toEqual([{ id: A, ok: true, message: 'removed' }]);
    expect(engine.containers.size).toBe(0);
  });

  it('gives every container its own failure when the engine goes away mid-batch', async () => {
    const engine = new FakeEngine();
    engine.lifecycle.failWith = new AppError(
      'UNAVAILABLE',
      'The engine at unix:///lab.sock closed the connection.',
    );
    const service = new LifecycleService(labDirectory(engine));
    const { results } = await service.remove({
      connectionId: 'lab',
      ids: [A, B],
      removeVolumes: false,
      force: true,
    });
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [false, 'UNAVAILABLE'],
      [false, 'UNAVAILABLE'],
    ]);
  });

  it('previews a removal, with the vanished ones as failures', async () => {
    const engine = new FakeEngine();
    engine.containers.set(A, fakeContainer(A, { name: 'web' }));
    const service = new LifecycleService(labDirectory(engine));
    const report = await service.removalImpact({ connectionId: 'lab', ids: [A, B, A] });
    expect(report.containers.map((c) => c.name)).toEqual(['web']);
    expect(report.failures).toEqual([{ id: B, code: 'NOT_FOUND', message: expect.stringContaining('gone') }]);
  });
});

describe('removed', () => {
  const V1 = '1'.repeat(64);
  const V2 = '2'.repeat(64);
  const base = { name: 'web', removedVolumes: [], keptVolumes: [], volumesAsked: true };

  it('says what became of every anonymous volume', () => {
    expect(removed(base)).toBe('removed');
    expect(removed({ ...base, removedVolumes: [V1, V2] })).toBe(
      'removed with its 2 anonymous volumes (111111111111, 222222222222)',
    );
    expect(removed({ ...base, removedVolumes: [V1], keptVolumes: [V2] })).toBe(
      'removed with its anonymous volume 111111111111; anonymous volume 222222222222 kept: another container still uses it',
    );
    expect(removed({ ...base, keptVolumes: [V1], volumesAsked: false })).toBe(
      'removed; anonymous volume 111111111111 kept (removing volumes was not asked for)',
    );
    expect(removed({ ...base, volumeCheckFailed: 'The engine closed the connection.' })).toContain(
      'could not be checked: The engine closed the connection.',
    );
  });
});
