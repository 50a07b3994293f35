import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import {
  checkHostKey,
  fingerprint,
  formatEntry,
  hostToken,
  keyTypeOf,
  knownKeyTypes,
  parseKnownHosts,
} from './known-hosts';
import { KnownHostsStore } from './known-hosts-store';

// Real keys and lines, made with ssh-keygen (fingerprints as `ssh-keygen -lf` printed them).
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIBca5OFRYXuMjbsKVgeB+JT8EVaUbRnAMsEUbAZyCVTA';
const ED_PRINT = 'SHA256:YRLE7Kdx8tP1Qd+YbW5+gK+55CB5LRScd6tAkqtSCB0';
const ED2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIITXqqqhn/2oNEmnwSLtkCB3EXxpJQljWjQNXJ8WRYQB';
const ED2_PRINT = 'SHA256:oEeHGhaaHG/1tlS1XN8ozz7YiSbPp7bXPOfiL1Te78E';
const EC =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIJm6ktCEnTtcmwofGU7Ar4RgkhRNqpvZSaLlqdsvXNw8RBtRU7h+Qy+IUHlwjkGDMSOF2arIz8FVqJh+HLhk5I=';
const EC_PRINT = 'SHA256:Okb5/cxDSyCXYRmn0dt4s8KzB59qn2uUYN+FCt8CzJw';
// `ssh-keygen -H` of "[127.0.0.1]:2222 …", "build-box …" and "10.0.0.5 …" (it splits comma lists).
const HASHED = [
  `|1|n+YBpc3Nj0oFpAY+ydSm9MKSUrY=|Jfdj/WDp/IlNWYJj68VpfUH0wrE= ssh-ed25519 ${ED}`,
  `|1|8++VQ+K3+TxoHqAcCvoQKoVLo0U=|CtueZDF4zfZSyAyWi/EW+/btOaY= ssh-ed25519 ${ED}`,
  `|1|q2Fv0amJUvWkhrv/oXGeiZ2IGGY=|p3Vr3dEgjMfNi8Zy/2g0gGl3h1I= ssh-ed25519 ${ED}`,
].join('\n');

const key = (base64: string): Buffer => Buffer.from(base64, 'base64');

describe('known_hosts parsing and checking', () => {
  it('computes fingerprints and key types as OpenSSH does', () => {
    expect(fingerprint(key(ED))).toBe(ED_PRINT);
    expect(fingerprint(key(EC))).toBe(EC_PRINT);
    expect(keyTypeOf(key(EC))).toBe('ecdsa-sha2-nistp256');
    expect(hostToken('Box.Example', 22)).toBe('box.example');
    expect(hostToken('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
    expect(hostToken('[::1]', 2200)).toBe('[::1]:2200');
  });

  it('matches plain names, [host]:port, comma lists, wildcards and negations', () => {
    const entries = parseKnownHosts(
      [
        '# a comment',
        '',
        `build-box,10.0.0.5 ssh-ed25519 ${ED} me@laptop`,
        `[127.0.0.1]:2222 ssh-ed25519 ${ED}`,
        `*.lab.example,!secret.lab.example ecdsa-sha2-nistp256 ${EC}`,
        'garbage line',
        `broken ssh-ed25519 ${EC}`,
      ].join('\n'),
    );
    expect(entries).toHaveLength(3);
    expect(checkHostKey(entries, 'build-box', 22, key(ED))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, '10.0.0.5', 22, key(ED))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, '127.0.0.1', 2222, key(ED))).toEqual({ status: 'known' });
    // The port is part of the name: 127.0.0.1 on 22 is another host.
    expect(checkHostKey(entries, '127.0.0.1', 22, key(ED))).toEqual({ status: 'unknown' });
    expect(checkHostKey(entries, 'web.lab.example', 22, key(EC))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, 'secret.lab.example', 22, key(EC))).toEqual({ status: 'unknown' });
  });

  it('matches hashed |1| entries (HMAC-SHA1 of the host name)', () => {
    const entries = parseKnownHosts(HASHED);
    expect(checkHostKey(entries, '127.0.0.1', 2222, key(ED))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, 'build-box', 22, key(ED))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, '10.0.0.5', 22, key(ED))).toEqual({ status: 'known' });
    expect(checkHostKey(entries, '10.0.0.6', 22, key(ED))).toEqual({ status: 'unknown' });
    expect(checkHostKey(entries, 'build-box', 22, key(ED2))).toEqual({
      status: 'changed',
      revoked: false,
      expected: ED_PRINT,
    });
  });

  it('calls another key of the same type "changed", and a key of another type only "unknown"', () => {
    const entries = parseKnownHosts(`box ssh-ed25519 ${ED}`);
    expect(checkHostKey(entries, 'box', 22, key(ED2))).toMatchObject({
      status: 'changed',
      expected: ED_PRINT,
    });
    expect(checkHostKey(entries, 'box', 22, key(EC))).toEqual({ status: 'unknown' });
    expect(knownKeyTypes(entries, 'box', 22)).toEqual(['ssh-ed25519']);
  });

  it('refuses @revoked keys for any host and ignores @cert-authority lines', () => {
    const entries = parseKnownHosts(
      [
        `@revoked * ssh-ed25519 ${ED2}`,
        `@cert-authority *.example ssh-ed25519 ${ED}`,
        `box ssh-ed25519 ${ED2}`,
      ].join('\n'),
    );
    expect(entries).toHaveLength(2);
    expect(checkHostKey(entries, 'box', 22, key(ED2))).toEqual({ status: 'changed', revoked: true });
    expect(checkHostKey(entries, 'a.example', 22, key(ED))).toEqual({ status: 'unknown' });
  });

  it('writes lines it reads back', () => {
    const line = formatEntry('127.0.0.1', 2222, key(ED));
    expect(line).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${ED}`);
    expect(checkHostKey(parseKnownHosts(line), '127.0.0.1', 2222, key(ED))).toEqual({ status: 'known' });
  });
});

describe('KnownHostsStore', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function store(): Promise<{ store: KnownHostsStore; bosun: string }> {
    dir = await mkdtemp(join(tmpdir(), 'bosun-kh-'));
    const bosun = join(dir, 'data', 'known_hosts');
    return { store: new KnownHostsStore({ openssh: [join(dir, 'missing')], bosun }), bosun };
  }

  it('refuses an unknown key until that exact fingerprint is approved, then records it (0600)', async () => {
    const { store: s, bosun } = await store();
    const refused = await s.verify('box', 2200, key(ED)).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('HOST_KEY_UNKNOWN');
    expect(isAppError(refused) && refused.details).toMatchObject({
      host: '[box]:2200',
      keyType: 'ssh-ed25519',
      fingerprint: ED_PRINT,
    });
    s.approve('box', 2200, ED2_PRINT);
    await expect(s.verify('box', 2200, key(ED))).rejects.toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
    s.approve('box', 2200, ED_PRINT);
    await s.verify('box', 2200, key(ED));
    expect(await readFile(bosun, 'utf8')).toBe(`[box]:2200 ssh-ed25519 ${ED}\n`);
    expect((await stat(bosun)).mode & 0o777).toBe(0o600);
    // Recorded: known from now on, with no approval pending.
    await s.verify('box', 2200, key(ED));
    await expect(s.verify('box', 2200, key(ED2))).rejects.toMatchObject({
      code: 'HOST_KEY_CHANGED',
      details: { fingerprint: ED2_PRINT, expected: ED_PRINT },
    });
  });

  it('never lets an approval override a changed key', async () => {
    const { store: s } = await store();
    s.approve('box', 22, ED_PRINT);
    await s.verify('box', 22, key(ED));
    s.approve('box', 22, ED2_PRINT);
    await expect(s.verify('box', 22, key(ED2))).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' });
  });
});
