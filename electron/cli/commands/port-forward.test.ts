import { describe, expect, it } from 'vitest';
import { parseForwardTarget, parsePortSpec } from './port-forward';

describe('port-forward arguments, as kubectl reads them', () => {
  it('reads pod/, svc/ and a bare name', () => {
    expect(parseForwardTarget('pod/web')).toEqual({ kind: 'pod', name: 'web' });
    expect(parseForwardTarget('svc/web')).toEqual({ kind: 'service', name: 'web' });
    expect(parseForwardTarget('service/web')).toEqual({ kind: 'service', name: 'web' });
    expect(parseForwardTarget('web')).toEqual({ kind: 'pod', name: 'web' });
    expect(() => parseForwardTarget('deploy/web')).toThrow(/pod\/NAME or svc\/NAME/);
  });

  it('reads REMOTE, LOCAL:REMOTE and :REMOTE', () => {
    expect(parsePortSpec('8080')).toEqual({ localPort: 8080, remotePort: 8080 });
    expect(parsePortSpec('9000:80')).toEqual({ localPort: 9000, remotePort: 80 });
    expect(parsePortSpec(':80')).toEqual({ remotePort: 80 });
    expect(() => parsePortSpec('80:')).toThrow(/not a port spec/);
    expect(() => parsePortSpec('70000')).toThrow(/not a port/);
  });
});
