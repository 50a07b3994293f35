import { readFile, readdir, realpath, stat } from 'node:fs/promises';

/** The few file operations discovery needs, injectable so tests run over a temp dir. */
export interface DiscoveryFs {
  /** The file's text, or undefined when it does not exist. Other errors throw. */
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** Names of the subdirectories, or [] when the directory does not exist. */
  listDirs(path: string): Promise<string[]>;
  /** The path with symlinks resolved, or the path itself when it cannot be resolved. */
  resolve(path: string): Promise<string>;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export const nodeDiscoveryFs: DiscoveryFs = {
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  async exists(path) {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  },
  async listDirs(path) {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
  async resolve(path) {
    try {
      return await realpath(path);
    } catch {
      return path;
    }
  },
};
