import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { reasonAndHint, translateEngineError } from './engine-errors';

const unix = { endpoint: 'unix:///x.sock', socketPath: '/x.sock' };
const tcp = { endpoint: 'tcp://10.0.0.1:2376' };

function sys(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('translateEngineError', () => {
  it.each([
    [sys('ENOENT'), unix, 'UNAVAILABLE', /socket \/x\.sock does not exist\. Is the engine running\?/],
    [sys('EACCES'), unix, 'PERMISSION_DENIED', /docker group/],
    [sys('ECONNREFUSED'), unix, 'UNAVAILABLE', /left over from an engine that stopped/],
    [sys('ECONNREFUSED'), tcp, 'UNAVAILABLE', /Nothing is listening at tcp:\/\/10\.0\.0\.1:2376/],
    [sys('ETIMEDOUT'), tcp, 'TIMEOUT', /did not answer in time/],
    [sys('ENOTFOUND'), tcp, 'UNAVAILABLE', /cannot be resolved/],
    [sys('ECONNRESET'), tcp, 'UNAVAILABLE', /closed the connection/],
    [sys('DEPTH_ZERO_SELF_SIGNED_CERT'), tcp, 'UNAVAILABLE', /TLS handshake .* failed/],
    [sys('ERR_TLS_CERT_ALTNAME_INVALID'), tcp, 'UNAVAILABLE', /TLS handshake/],
    [sys('EPROTO'), tcp, 'UNAVAILABLE', /TLS handshake/],
    [sys('HPE_INVALID_CONSTANT'), tcp, 'UNAVAILABLE', /did not answer like a Docker engine/],
    [
      Object.assign(new Error('(HTTP code 404) no such container'), {
        statusCode: 404,
        json: { message: 'No such container: abc' },
      }),
      unix,
      'NOT_FOUND',
      /No such container: abc/,
    ],
    [
      Object.assign(new Error('x'), { statusCode: 409, json: { message: 'is running' } }),
      unix,
      'CONFLICT',
      /is running/,
    ],
    [
      Object.assign(new Error('x'), { statusCode: 500, json: { message: 'boom' } }),
      unix,
      'UNAVAILABLE',
      /\(HTTP 500\): boom/,
    ],
    [
      Object.assign(new Error('x'), { statusCode: 503, json: Buffer.from('') }),
      unix,
      'UNAVAILABLE',
      /HTTP 503/,
    ],
    [new Error('weird'), tcp, 'UNAVAILABLE', /could not be reached/],
    ['a string', tcp, 'UNAVAILABLE', /could not be reached/],
  ])('%s → %s', (error, where, code, message) => {
    const translated = translateEngineError(error, where);
    expect(translated).toBeInstanceOf(AppError);
    expect(translated.code).toBe(code);
    expect(translated.message).toMatch(message);
    expect(translated.message).not.toMatch(/\n\s+at /);
  });

  it('keeps reason and hint apart for the status line', () => {
    const { reason, hint } = reasonAndHint(translateEngineError(sys('ENOENT'), unix));
    expect(reason).toBe('The Docker socket /x.sock does not exist.');
    expect(hint).toMatch(/^Is the engine running\?/);
    expect(reasonAndHint(new AppError('INTERNAL', 'plain'))).toEqual({ reason: 'plain' });
  });

  it('passes AppErrors through untouched', () => {
    const error = new AppError('CANCELLED', 'stop');
    expect(translateEngineError(error, unix)).toBe(error);
  });
});
