import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { credentialOf } from './credential-status';

describe('credentialOf', () => {
  it('reads the passphrase or password a login refusal asks for', () => {
    const credential = { kind: 'passphrase', keyFile: '/k', host: 'ada@lab' };
    expect(credentialOf(new AppError('PERMISSION_DENIED', 'x', { credential }))).toEqual(credential);
    const password = { kind: 'password', user: 'ada', host: 'ada@lab' };
    expect(credentialOf(new AppError('PERMISSION_DENIED', 'x', { credential: password }))).toEqual(password);
  });

  it('ignores other codes and anything that is not a well-formed request', () => {
    const credential = { kind: 'passphrase', keyFile: '/k', host: 'ada@lab' };
    expect(credentialOf(new AppError('UNAVAILABLE', 'x', { credential }))).toBeUndefined();
    expect(
      credentialOf(new AppError('PERMISSION_DENIED', 'x', { credential: { kind: 'pin' } })),
    ).toBeUndefined();
    expect(credentialOf(new AppError('PERMISSION_DENIED', 'x'))).toBeUndefined();
    expect(credentialOf(undefined)).toBeUndefined();
  });
});
