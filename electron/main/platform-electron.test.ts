import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElectronPlatform, keychainProblem, type SafeStorageLike } from './platform-electron';

/** Reversible but visibly not plain text, like a real keychain's output. */
function fakeSafeStorage(
  available = true,
  backend = 'gnome_libsecret',
): SafeStorageLike & { broken: boolean } {
  return {
    broken: false,
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      return Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('hex')}`);
    },
    decryptString(sealed) {
      if (this.broken)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const hex = sealed.toString().replace(/^sealed:/, '');
      return Buffer.from(hex, 'hex').reverse().toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

describe('createElectronPlatform', () => {
  let userData: string;
  const app = () => ({
    getPath: (name: string) => (name === 'userData' ? userData : '/home/u'),
    getVersion: () => '9.8.7',
  });

  beforeEach(async () => {
    userData = await mkdtemp(join(tmpdir(), 'bosun-userdata-'));
  });

  afterEach(async () => {
    await rm(userData, { recursive: true, force: true });
  });

  it('lives in userData and reports its versions', () => {
    const platform = createElectronPlatform({
      app: app(),
      safeStorage: fakeSafeStorage(),
      env: {},
      os: 'linux',
    });
    expect(platform.face).toBe('electron');
    expect(platform.dataDir).toBe(userData);
    expect(platform.homeDir).toBe('/home/u');
    expect(platform.versions).toMatchObject({ bosun: '9.8.7', node: process.versions.node });
    expect(platform.secrets.description).toContain('gnome_libsecret');
  });

  it('stores secrets sealed by the keychain, in a 0600 file, never in plain text', async () => {
    const platform = createElectronPlatform({
      app: app(),
      safeStorage: fakeSafeStorage(),
      env: {},
      os: 'linux',
    });
    await platform.secrets.set('ssh:prod', 'hunter2');
    expect(await platform.secrets.get('ssh:prod')).toBe('hunter2');
    const file = join(userData, 'secrets.sealed.json');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to store a secret without a real keychain, and says what to do', async () => {
    for (const safeStorage of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const platform = createElectronPlatform({ app: app(), safeStorage, env: {}, os: 'linux' });
      await expect(platform.secrets.set('ssh:prod', 'hunter2')).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('GNOME Keyring'),
      });
    }
    await expect(stat(join(userData, 'secrets.sealed.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a secret the keychain can no longer unseal', async () => {
    const safeStorage = fakeSafeStorage();
    const platform = createElectronPlatform({ app: app(), safeStorage, env: {}, os: 'darwin' });
    await platform.secrets.set('k', 'v');
    safeStorage.broken = true;
    await expect(platform.secrets.get('k')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('keychainProblem', () => {
  it('trusts macOS and Windows when encryption is available', () => {
    expect(keychainProblem(fakeSafeStorage(true, 'basic_text'), 'darwin')).toBeUndefined();
    expect(keychainProblem(fakeSafeStorage(true), 'win32')).toBeUndefined();
    expect(keychainProblem(fakeSafeStorage(false), 'win32')).toContain('not available');
  });
});
