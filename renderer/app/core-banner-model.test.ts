import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/shared/errors';
import type { CoreSnapshot } from '../api/core-connection';
import { coreBannerModel } from './core-banner-model';

const base: CoreSnapshot = {
  phase: 'ready',
  client: undefined,
  error: undefined,
  attempt: 0,
  retryAt: undefined,
  everConnected: true,
};

describe('coreBannerModel', () => {
  it('says nothing while the core works or the page is loading', () => {
    expect(coreBannerModel(base, 0)).toBeUndefined();
    expect(coreBannerModel({ ...base, phase: 'connecting', everConnected: false }, 0)).toBeUndefined();
  });

  it('counts down to the next attempt after a lost link, with the core’s reason', () => {
    const lost: CoreSnapshot = {
      ...base,
      phase: 'waiting',
      attempt: 3,
      retryAt: 10_000,
      error: new AppError('UNAVAILABLE', 'The socket closed.'),
    };
    expect(coreBannerModel(lost, 6_500)).toEqual({
      reason: 'lost',
      title: 'Lost the connection to the Bosun core',
      detail: 'The socket closed.',
      next: 'Retrying in 4 s.',
    });
    expect(coreBannerModel(lost, 12_000)?.next).toBe('Retrying in 0 s.');
    expect(coreBannerModel({ ...lost, phase: 'connecting' }, 6_500)?.next).toBe('Reconnecting now…');
  });

  it('tells a core never reached from one that was lost', () => {
    const model = coreBannerModel(
      { ...base, phase: 'waiting', attempt: 1, retryAt: 1_000, everConnected: false },
      0,
    );
    expect(model).toMatchObject({ reason: 'unreachable', title: 'Cannot reach the Bosun core' });
  });

  it('does not count down once the token was refused: retrying cannot help', () => {
    expect(
      coreBannerModel({ ...base, phase: 'refused', error: new AppError('PERMISSION_DENIED', 'no') }, 0),
    ).toMatchObject({ reason: 'refused', next: undefined });
  });
});
