import { describe, expect, it } from 'vitest';
import { NO_TLS, takesTls, tlsInput, tlsPartOf, tlsProblems } from './tls-validation';

const FULL = { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' };

describe('TLS fields', () => {
  it('apply to tcp:// endpoints only', () => {
    expect(takesTls(' TCP://build:2376')).toBe(true);
    expect(takesTls('unix:///var/run/docker.sock')).toBe(false);
    expect(takesTls('')).toBe(false);
  });

  it('are all optional together: none is plain TCP, all three is TLS', () => {
    expect(tlsProblems(NO_TLS, true)).toEqual({});
    expect(tlsProblems(FULL, true)).toEqual({});
    expect(tlsProblems({ ...FULL, ca: 'C:\\certs\\ca.pem' }, true)).toEqual({});
  });

  it('ask for the missing files only once the form was sent', () => {
    const partial = { ...NO_TLS, ca: '/certs/ca.pem' };
    expect(tlsProblems(partial, false)).toEqual({});
    const problems = tlsProblems(partial, true);
    expect(Object.keys(problems)).toEqual(['cert', 'key']);
    expect(problems.cert).toContain('TLS needs all three files; add this one.');
  });

  it('want full paths, since the core reads them from its own directory', () => {
    expect(tlsProblems({ ...FULL, key: '~/.docker/key.pem' }, false).key).toContain('full path');
    expect(tlsProblems({ ...FULL, cert: 'cert.pem' }, false).cert).toContain('full path');
  });

  it('are sent trimmed for tcp://, and never for a socket or when left empty', () => {
    expect(tlsInput('tcp://build:2376', { ...FULL, ca: '  /certs/ca.pem ' })).toEqual(FULL);
    expect(tlsInput('tcp://build:2375', NO_TLS)).toBeUndefined();
    expect(tlsInput('unix:///run/docker.sock', FULL)).toBeUndefined();
  });

  it('find the field a refusal is about by the name the core gives it', () => {
    expect(tlsPartOf({ field: 'tls.key' })).toBe('key');
    expect(tlsPartOf({ field: 'tls.ca' })).toBe('ca');
    expect(tlsPartOf({ field: 'endpoint' })).toBeUndefined();
    expect(tlsPartOf(undefined)).toBeUndefined();
  });
});
