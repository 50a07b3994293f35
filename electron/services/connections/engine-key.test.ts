import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../shared/endpoint';
import { engineKey } from './engine-key';
import type { ConnectionSpec } from './spec';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-key-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spec(endpoint: string, tls = false): Pick<ConnectionSpec, 'endpoint' | 'target' | 'tls'> {
  return { endpoint, target: parseEndpoint(endpoint), ...(tls ? { tls: { verify: true } } : {}) };
}

describe('engineKey', () => {
  it('sees a socket through a symlink (file or directory) as the socket itself', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'docker.sock'), '');
    await symlink(join(dir, 'real', 'docker.sock'), join(dir, 'link.sock'));
    await symlink(join(dir, 'real'), join(dir, 'run'));
    const key = await engineKey(spec(`unix://${join(dir, 'real', 'docker.sock')}`));
    expect(await engineKey(spec(`unix://${join(dir, 'link.sock')}`))).toBe(key);
    expect(await engineKey(spec(`unix://${join(dir, 'run', 'docker.sock')}`))).toBe(key);
    expect(await engineKey(spec(`unix://${dir}//real/./docker.sock`))).toBe(key);
  });

  it('keeps the normalized path of a socket that does not exist (yet)', async () => {
    expect(await engineKey(spec('unix:///nowhere//x/../docker.sock'))).toBe('unix:///nowhere/docker.sock');
  });

  it('compares tcp by lowercased host and port, and tells plain from TLS', async () => {
    expect(await engineKey(spec('tcp://Build.Example.com:2376/'))).toBe(
      await engineKey(spec('tcp://build.example.com:2376')),
    );
    expect(await engineKey(spec('tcp://h:2376', true))).not.toBe(await engineKey(spec('tcp://h:2376')));
    expect(await engineKey(spec('tcp://h:2375'))).not.toBe(await engineKey(spec('tcp://h:2376')));
  });

  it('keeps the raw text of an endpoint that did not parse', async () => {
    expect(await engineKey({ endpoint: 'unknown' })).toBe('raw:unknown');
  });
});
