import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { createFileSecretStore, type SecretCodec } from './secret-file';

describe('createFileSecretStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bosun-secrets-'));
    file = join(dir, 'nested', 'secrets.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every one of many concurrent writes, in a 0600 file', async () => {
    const store = createFileSecretStore(file, 'test file');
    await Promise.all(Array.from({ length: 20 }, (_, n) => store.set(`k${n}`, `v${n}`)));
    const values = await Promise.all(Array.from({ length: 20 }, (_, n) => store.get(`k${n}`)));
    expect(values).toEqual(Array.from({ length: 20 }, (_, n) => `v${n}`));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses empty keys and reports a damaged file for people', async () => {
    const store = createFileSecretStore(file, 'test file');
    await expect(store.set('', 'x')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await store.set('a', 'b');
    await writeFile(file, '{not json');
    await expect(store.get('a')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('damaged'),
    });
  });

  it('stores what the codec encodes, and writes nothing when the codec refuses', async () => {
    const reversing: SecretCodec = {
      encode: (value) => [...value].reverse().join(''),
      decode: (stored) => [...stored].reverse().join(''),
    };
    const store = createFileSecretStore(file, 'test file', reversing);
    await store.set('k', 'abc');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ k: 'cba' });
    expect(await store.get('k')).toBe('abc');

    const locked = createFileSecretStore(file, 'test file', {
      ...reversing,
      assertWritable: () => {
        throw new AppError('UNAVAILABLE', 'The keychain is locked.');
      },
    });
    await expect(locked.set('k', 'new')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await store.get('k')).toBe('abc');
  });
});
