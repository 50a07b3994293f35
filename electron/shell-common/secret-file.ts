import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../services/platform';
import { AppError } from '../shared/errors';

/** How a secret is kept on disk: as it is (web mode, 0600 file) or sealed by the OS (Electron). */
export interface SecretCodec {
  encode(value: string): string;
  decode(stored: string): string;
  /** Throws an AppError when secrets cannot be stored safely right now. */
  assertWritable?(): void;
}

export const PLAIN_CODEC: SecretCodec = { encode: (value) => value, decode: (stored) => stored };

/**
 * A SecretStore backed by one JSON file readable by its owner only. Writes go to a temporary file
 * and are renamed into place, and are serialised, so a crash or two concurrent sets cannot leave a
 * half-written or stale file.
 */
export function createFileSecretStore(
  file: string,
  description: string,
  codec: SecretCodec = PLAIN_CODEC,
): SecretStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError(
        'UNAVAILABLE',
        `Bosun could not read its secrets file ${file}: check its permissions.`,
      );
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      throw new AppError(
        'UNAVAILABLE',
        `Bosun's secrets file ${file} is damaged. Move it aside and enter the passwords again.`,
      );
    }
  };

  const write = async (secrets: Record<string, string>): Promise<void> => {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  };

  return {
    description,
    get: (key) =>
      serialised(async () => {
        checkKey(key);
        const stored = (await read())[key];
        return stored === undefined ? undefined : codec.decode(stored);
      }),
    set: (key, value) =>
      serialised(async () => {
        checkKey(key);
        codec.assertWritable?.();
        const secrets = await read();
        secrets[key] = codec.encode(value);
        await write(secrets);
      }),
    delete: (key) =>
      serialised(async () => {
        checkKey(key);
        const secrets = await read();
        if (!Object.hasOwn(secrets, key)) return;
        delete secrets[key];
        await write(secrets);
      }),
  };
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) {
    throw new AppError('INVALID_ARGUMENT', 'A secret key is a non-empty string of at most 256 characters.');
  }
}
