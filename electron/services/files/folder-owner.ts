import { extract as tarExtract } from 'tar-stream';
import type { ContainerFiles } from '../containers/container-files';
import { contentsPath } from './container-path';

const ROOT = { uid: 0, gid: 0 };

/**
 * The uid and gid that own a folder, from the first header of its tar (the archive API has no other
 * way to tell): the rest of the tar is dropped at once. Root when the engine does not say.
 */
export async function folderOwner(
  files: ContainerFiles,
  id: string,
  dir: string,
  signal?: AbortSignal,
): Promise<{ uid: number; gid: number }> {
  const read = await files.openArchive(id, contentsPath(dir), signal);
  if (!read) return ROOT;
  const extract = tarExtract();
  read.tar.on('error', (error) => extract.destroy(error));
  read.tar.pipe(extract);
  try {
    for await (const entry of extract) {
      entry.resume();
      return { uid: entry.header.uid ?? 0, gid: entry.header.gid ?? 0 };
    }
    return ROOT;
  } finally {
    read.tar.unpipe(extract);
    read.tar.destroy();
    extract.destroy();
  }
}
