import { posix } from 'node:path';

/** An absolute container path without "..", "." or a trailing slash ("/" stays "/"). */
export function normalizePath(path: string): string {
  const normal = posix.normalize(path.startsWith('/') ? path : `/${path}`);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** The path that makes the archive API send a folder's contents under "./", links followed. */
export function contentsPath(dir: string): string {
  return dir === '/' ? '/.' : `${dir}/.`;
}

export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** A container path's last component, "" for "/". */
export function baseName(path: string): string {
  return posix.basename(path);
}
