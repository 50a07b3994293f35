import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { EventBus } from './event-bus';
import { testContract } from './testing/test-contract';

describe('EventBus guards', () => {
  it('lets a service refuse a subscription, and tells it when an admitted one ends', () => {
    const bus = new EventBus(testContract);
    const seen: string[] = [];
    bus.guard('test.ticks', {
      admit: (params, clientId) => {
        seen.push(`admit ${clientId} ${params.room ?? '*'}`);
        return params.room === 'private' && clientId !== 'owner'
          ? new AppError('NOT_FOUND', 'There is no such room.')
          : undefined;
      },
      release: (params, clientId) => seen.push(`release ${clientId} ${params.room ?? '*'}`),
    });
    const got: string[] = [];
    const refused = bus.subscribe('test.ticks', { room: 'private' }, () => got.push('stranger'), 'stranger');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no such room.' },
    });
    const admitted = bus.subscribe('test.ticks', { room: 'private' }, () => got.push('owner'), 'owner');
    if (!admitted.ok) throw new Error('the owner was refused');
    bus.publish('test.ticks', { room: 'private', n: 1 });
    expect(got).toEqual(['owner']);
    admitted.value();
    admitted.value();
    expect(seen).toEqual(['admit stranger private', 'admit owner private', 'release owner private']);
  });

  it('never asks the guard about params that fail validation', () => {
    const bus = new EventBus(testContract);
    let asked = 0;
    bus.guard('test.ticks', { admit: () => void asked++ });
    expect(bus.subscribe('test.ticks', { room: 42 }, () => undefined, 'c')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(asked).toBe(0);
  });
});
