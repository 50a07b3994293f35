// Where the Electron binary is, if it is installed: node_modules/electron/path.txt names it inside
// dist/ (or inside ELECTRON_OVERRIDE_DIST_PATH, Electron's own override). Used by `npm start` and e2e.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root @returns {string | undefined} */
export function electronBinary(root) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
