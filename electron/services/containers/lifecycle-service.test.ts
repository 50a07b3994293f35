import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeEngine } from '../testing/fake-engine';
import type { EngineDirectory, EngineSessionView } from './engine-directory';
import { LifecycleService } from './lifecycle-service';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

/** One connection "lab" whose engine is `engine`, or not connected when `down` says why. */
function directory(engine: FakeEngine, down?: AppError): EngineDirectory {
  const view: EngineSessionView = {
    id: 'lab',
    endpoint: 'unix:///lab.sock',
    ready: async () => undefined,
    liveCache: () => {
      throw new Error('not used');
    },
    liveEngine: () => {
      if (down) throw down;
      return engine;
    },
  };
  return { loaded: async () => undefined, get: (id) => (id === 'lab' ? view : undefined), all: () => [view] };
}

describe('LifecycleService', () => {
  it('acts on each container once and answers one result each, in the order asked', async () => {
    const engine = new FakeEngine();
    engine.gone.add(B);
    const service = new LifecycleService(directory(engine));
    const { results } = await service.act({ connectionId: 'lab', ids: [A, B, A], action: 'stop' });
    expect(results).toEqual([
      { id: A, ok: true, message: 'stopped' },
      { id: B, ok: false, code: 'NOT_FOUND', message: expect.stringContaining('gone') },
    ]);
    expect(engine.acted).toEqual([`stop ${A}`, `stop ${B}`]);
  });

  it('names the signal it sent', async () => {
    const service = new LifecycleService(directory(new FakeEngine()));
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
    const service = new LifecycleService(directory(new FakeEngine(), down));
    await expect(service.act({ connectionId: 'nope', ids: [A], action: 'start' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.act({ connectionId: 'lab', ids: [A], action: 'start' })).rejects.toBe(down);
  });
});
