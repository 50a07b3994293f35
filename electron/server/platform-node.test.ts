import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodePlatform, resolveDataDir } from './platform-node';

describe('resolveDataDir', () => {
  it('prefers the option, then BOSUN_DATA_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    const env = { BOSUN_DATA_DIR: '/d/bosun', XDG_CONFIG_HOME: '/x' };
    expect(resolveDataDir(env, '/home/u', '/opt/data')).toBe('/opt/data');
    expect(resolveDataDir(env, '/home/u')).toBe('/d/bosun');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/bosun');
    expect(resolveDataDir({}, '/home/u')).toBe('/home/u/.config/bosun');
  });
});

describe('createNodePlatform', () => {
  let home: string;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'bosun-home-'));
  });

  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('creates the data dir readable by its owner only', async () => {
    const platform = createNodePlatform({
      face: 'cli',
      env: { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') },
    });
    expect(platform.dataDir).toBe(join(home, 'cfg', 'bosun'));
    expect(platform.homeDir).toBe(home);
    expect(platform.face).toBe('cli');
    expect((await stat(platform.dataDir)).mode & 0o777).toBe(0o700);
    expect(platform.versions).toEqual({
      node: process.versions.node,
      bosun: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('keeps secrets in a 0600 file and says so', async () => {
    const platform = createNodePlatform({ face: 'web', env: { HOME: home }, dataDir: join(home, 'data') });
    const file = join(home, 'data', 'secrets.json');
    expect(platform.secrets.description).toContain('0600');
    expect(platform.secrets.description).toContain(file);

    expect(await platform.secrets.get('ssh:prod')).toBeUndefined();
    await platform.secrets.set('ssh:prod', 'correct horse');
    await platform.secrets.set('tls:lab', 'battery staple');
    expect(await platform.secrets.get('ssh:prod')).toBe('correct horse');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      'ssh:prod': 'correct horse',
      'tls:lab': 'battery staple',
    });

    await platform.secrets.delete('ssh:prod');
    expect(await platform.secrets.get('ssh:prod')).toBeUndefined();
    expect(await platform.secrets.get('tls:lab')).toBe('battery staple');
  });
});
