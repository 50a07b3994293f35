import { join } from 'node:path';
import { createFileSecretStore, type SecretCodec } from '../shell-common/secret-file';
import type { Platform } from '../services/platform';
import { AppError } from '../shared/errors';

export interface ElectronAppLike {
  getPath(name: 'userData' | 'home'): string;
  getVersion(): string;
}

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring seals the secrets. */
  getSelectedStorageBackend?(): string;
}

export interface ElectronPlatformOptions {
  readonly app: ElectronAppLike;
  readonly safeStorage: SafeStorageLike;
  readonly env?: NodeJS.ProcessEnv;
  readonly os?: NodeJS.Platform;
}

/**
 * Whether secrets can be sealed by the OS right now. On Linux without a Secret Service keyring
 * Electron falls back to 'basic_text', a hard-coded key: that is plain text with extra steps.
 */
export function keychainProblem(safeStorage: SafeStorageLike, os: NodeJS.Platform): string | undefined {
  const advice =
    os === 'linux'
      ? 'Start a Secret Service keyring (GNOME Keyring or KWallet) and unlock it, then try again.'
      : 'Unlock the OS keychain, then try again.';
  if (!safeStorage.isEncryptionAvailable()) return `the OS keychain is not available. ${advice}`;
  const backend = os === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' || backend === 'unknown')
    return `no OS keychain was found (${backend}). ${advice}`;
  return undefined;
}

function keychainName(safeStorage: SafeStorageLike, os: NodeJS.Platform): string {
  if (os === 'darwin') return 'the macOS Keychain';
  if (os === 'win32') return 'Windows DPAPI';
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend ? `the OS keyring (${backend})` : 'the OS keyring';
}

export function sealedCodec(safeStorage: SafeStorageLike, os: NodeJS.Platform): SecretCodec {
  return {
    encode: (value) => safeStorage.encryptString(value).toString('base64'),
    decode: (stored) => {
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        throw new AppError(
          'UNAVAILABLE',
          'Bosun could not unseal a stored secret: the OS keychain changed or is locked. Unlock it, or enter the secret again.',
        );
      }
    },
    assertWritable: () => {
      const problem = keychainProblem(safeStorage, os);
      if (problem)
        throw new AppError('UNAVAILABLE', `Bosun will not store this secret in plain text: ${problem}`);
    },
  };
}

/** The desktop app's Platform: Electron's userData, secrets sealed by safeStorage in a 0600 file. */
export function createElectronPlatform(options: ElectronPlatformOptions): Platform {
  const os = options.os ?? process.platform;
  const dataDir = options.app.getPath('userData');
  const file = join(dataDir, 'secrets.sealed.json');
  const versions: Record<string, string> = { bosun: options.app.getVersion() };
  for (const name of ['electron', 'chrome', 'node'] as const) {
    const version = (process.versions as Record<string, string | undefined>)[name];
    if (version) versions[name] = version;
  }
  return {
    face: 'electron',
    dataDir,
    homeDir: options.app.getPath('home'),
    env: { ...(options.env ?? process.env) },
    secrets: createFileSecretStore(
      file,
      `encrypted with ${keychainName(options.safeStorage, os)} in ${file}`,
      sealedCodec(options.safeStorage, os),
    ),
    versions,
  };
}
