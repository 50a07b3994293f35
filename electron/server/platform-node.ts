import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Platform } from '../services/platform';
import { createFileSecretStore } from '../shell-common/secret-file';

export interface NodePlatformOptions {
  readonly face: 'web' | 'cli';
  readonly env?: NodeJS.ProcessEnv;
  readonly dataDir?: string;
}

/** The option, else BOSUN_DATA_DIR, else $XDG_CONFIG_HOME/bosun, else ~/.config/bosun. */
export function resolveDataDir(env: NodeJS.ProcessEnv, homeDir: string, explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (env.BOSUN_DATA_DIR) return resolve(env.BOSUN_DATA_DIR);
  if (env.XDG_CONFIG_HOME) return resolve(env.XDG_CONFIG_HOME, 'bosun');
  return join(homeDir, '.config', 'bosun');
}

/** The Platform of web mode and the CLI: plain Node, an XDG data dir, secrets in a 0600 file. */
export function createNodePlatform(options: NodePlatformOptions): Platform {
  const env = options.env ?? process.env;
  const homeDir = env.HOME || homedir();
  const dataDir = resolveDataDir(env, homeDir, options.dataDir);
  // Connections and accepted host keys live here: nobody else on the machine should read them.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secretsFile = join(dataDir, 'secrets.json');
  return {
    face: options.face,
    dataDir,
    homeDir,
    env: { ...env },
    secrets: createFileSecretStore(secretsFile, `a file readable only by you (0600): ${secretsFile}`),
    versions: { node: process.versions.node, bosun: pkg.version },
  };
}
