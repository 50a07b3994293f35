import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SystemPaths } from '../connections/discovery';
import type { Platform, SecretStore } from '../platform';

export interface TestPlatform {
  readonly platform: Platform;
  /** A temp dir holding home/, data/ and system/ (where the "machine-wide" sockets would be). */
  readonly root: string;
  /** System socket paths inside the temp dir, so discovery never finds this machine's engines. */
  readonly systemPaths: SystemPaths;
  cleanup(): Promise<void>;
}

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    description: 'memory (tests)',
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

/** A Platform over a fresh temp home and data dir, with exactly the environment the test gives. */
export async function createTestPlatform(
  env: Record<string, string | undefined> | ((root: string) => Record<string, string | undefined>) = {},
): Promise<TestPlatform> {
  const root = await mkdtemp(join(tmpdir(), 'bosun-test-'));
  const homeDir = join(root, 'home');
  const dataDir = join(root, 'data');
  await mkdir(homeDir, { recursive: true });
  await mkdir(join(root, 'system'), { recursive: true });
  return {
    root,
    systemPaths: {
      defaultSocket: join(root, 'system', 'docker.sock'),
      podmanRootfulSocket: join(root, 'system', 'podman.sock'),
    },
    platform: {
      face: 'cli',
      dataDir,
      homeDir,
      env: { HOME: homeDir, ...(typeof env === 'function' ? env(root) : env) },
      secrets: memorySecrets(),
      versions: { node: process.versions.node },
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
