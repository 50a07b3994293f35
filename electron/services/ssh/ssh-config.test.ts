import { describe, expect, it } from 'vitest';
import { parseProxyJump, resolveSshConfig } from './ssh-config';

const CONFIG = `
# global defaults come first in many files
IdentityFile ~/.ssh/global_key

Host build-box bb
    HostName 10.0.0.5
    User ops
    Port 2200
    IdentityFile ~/.ssh/build_%h

Host *.lab.example !secret.lab.example
    User labber
    Port=2022

Match host prod-*
    User nobody-should-see-this

Host *
    User fallback
    Port 22
`;

describe('resolveSshConfig', () => {
  it('applies the first value of each key, adding up IdentityFile lines in order', () => {
    expect(resolveSshConfig(CONFIG, 'bb', '/home/me')).toEqual({
      hostName: '10.0.0.5',
      user: 'ops',
      port: 2200,
      identityFiles: ['/home/me/.ssh/global_key', '/home/me/.ssh/build_10.0.0.5'],
    });
  });

  it('honours wildcards and negations, skips Match blocks, and falls through to Host *', () => {
    expect(resolveSshConfig(CONFIG, 'web.lab.example', '/h')).toMatchObject({ user: 'labber', port: 2022 });
    expect(resolveSshConfig(CONFIG, 'secret.lab.example', '/h')).toMatchObject({
      user: 'fallback',
      port: 22,
    });
    expect(resolveSshConfig(CONFIG, 'prod-1', '/h')).toMatchObject({ user: 'fallback' });
    expect(resolveSshConfig(CONFIG, 'prod-1', '/h').hostName).toBeUndefined();
  });

  it('says nothing for an empty file', () => {
    expect(resolveSshConfig('', 'box', '/h')).toEqual({ identityFiles: [] });
  });
});

describe('ProxyJump', () => {
  it('reads every form OpenSSH accepts, in connection order', () => {
    expect(parseProxyJump('bastion,ops@inner:2200, ssh://u@edge:22,[fe80::1]:2022,::1')).toEqual([
      { host: 'bastion' },
      { host: 'inner', user: 'ops', port: 2200 },
      { host: 'edge', user: 'u', port: 22 },
      { host: 'fe80::1', port: 2022 },
      { host: '::1' },
    ]);
  });

  it('refuses a jump host without a host or with a bad port, naming it', () => {
    expect(() => parseProxyJump('a,,b')).toThrow(/ProxyJump \(empty\)/);
    expect(() => parseProxyJump('ops@box:99999')).toThrow(/ProxyJump ops@box:99999 .* no valid port/);
    expect(() => parseProxyJump('box:')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('takes the first ProxyJump that applies; none means direct', () => {
    const text = `Host inner\n  ProxyJump ops@bastion:2200,hop2\nHost direct\n  ProxyJump none\nHost *\n  ProxyJump other\n`;
    expect(resolveSshConfig(text, 'inner', '/h').proxyJump).toEqual([
      { host: 'bastion', user: 'ops', port: 2200 },
      { host: 'hop2' },
    ]);
    expect(resolveSshConfig(text, 'direct', '/h').proxyJump).toBeUndefined();
    expect(resolveSshConfig(text, 'elsewhere', '/h').proxyJump).toEqual([{ host: 'other' }]);
  });
});
