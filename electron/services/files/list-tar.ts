import type { Readable } from 'node:stream';
import { extract as tarExtract, type Header } from 'tar-stream';
import { MAX_LIST_ENTRIES, type FileEntry } from '../../shared/contract';
import { modeString, tarTypeLetter, typeOfLetter } from './file-mode';

/**
 * How much of a folder's tar one listing may read. The archive API has no "list": it sends the whole
 * subtree, bodies included, so a listing of "/" reads the image. Time is what people feel; the byte
 * and entry limits stop the pathological cases (a folder of millions of files) sooner.
 */
export interface ListBudget {
  readonly bytes: number;
  readonly entries: number;
  readonly ms: number;
}

export const LIST_BUDGET: ListBudget = { bytes: 256 * 2 ** 20, entries: 100_000, ms: 5_000 };

export type StopReason = 'bytes' | 'entries' | 'time' | 'children';

export interface TarListing {
  /** The folder's direct children, in the tar's order (the engine walks in name order). */
  readonly entries: FileEntry[];
  /** Why reading stopped early; undefined when the whole tar was read. */
  readonly stoppedBy: StopReason | undefined;
  /** Tar entries and bytes read. */
  readonly read: { readonly entries: number; readonly bytes: number };
}

/** "./etc/", "etc/x", "/x" → the path below the tar's root ("" for the root itself). */
function relative(name: string): string {
  return name.replace(/^\.?\/+/, '').replace(/^\.$/, '');
}

function entryOf(
  name: string,
  header: Header,
  letter: NonNullable<ReturnType<typeof tarTypeLetter>>,
): FileEntry {
  const type = typeOfLetter(letter);
  const hardLink = header.type === 'link';
  return {
    name,
    type,
    size: type === 'file' && !hardLink ? (header.size ?? 0) : null,
    mode: modeString(letter, header.mode ?? 0),
    mtime: header.mtime ? header.mtime.getTime() : null,
    uid: header.uid ?? null,
    gid: header.gid ?? null,
    ...(header.uname ? { user: header.uname } : {}),
    ...(header.gname ? { group: header.gname } : {}),
    ...(type === 'symlink' ? { linkTarget: header.linkname ?? '' } : {}),
  };
}

/** A folder known only because something below it is in the tar. */
function impliedFolder(name: string): FileEntry {
  return { name, type: 'dir', size: null, mode: '', mtime: null, uid: null, gid: null };
}

/**
 * Reads a folder's tar (as `GET archive?path=DIR/.` sends it) for its direct children, skipping file
 * bodies, within the budget; once over it, the tar is destroyed (the engine stops walking) and what
 * was found so far is returned. The caller's abort (destroying the tar with an error) rejects.
 */
export async function listTar(tar: Readable, budget: ListBudget = LIST_BUDGET): Promise<TarListing> {
  const children = new Map<string, FileEntry>();
  const extract = tarExtract();
  let bytes = 0;
  let count = 0;
  let stoppedBy: StopReason | undefined;
  let failure: Error | undefined;

  const stop = (reason: StopReason): void => {
    if (stoppedBy) return;
    stoppedBy = reason;
    tar.unpipe(extract);
    tar.destroy();
    extract.destroy();
  };
  const timer = setTimeout(() => stop('time'), budget.ms);
  tar.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > budget.bytes) stop('bytes');
  });
  tar.on('error', (error) => {
    failure ??= error;
    extract.destroy(error);
  });
  tar.pipe(extract);

  try {
    for await (const entry of extract) {
      entry.resume();
      if (++count > budget.entries) {
        stop('entries');
        break;
      }
      const header = entry.header;
      const path = relative(header.name);
      if (!path) continue;
      const slash = path.indexOf('/');
      if (slash >= 0 && slash < path.length - 1) {
        // A deeper entry proves its top folder exists, even if the folder's own entry never came.
        const top = path.slice(0, slash);
        if (!children.has(top)) children.set(top, impliedFolder(top));
      } else {
        const name = slash >= 0 ? path.slice(0, slash) : path;
        const letter = tarTypeLetter(header.type);
        if (!letter) continue;
        const found = entryOf(name, header, letter);
        // A hard link carries no size of its own; its twin in this folder may have come first.
        const twin = header.type === 'link' ? children.get(relative(header.linkname ?? '')) : undefined;
        children.set(name, twin?.size != null ? { ...found, size: twin.size } : found);
      }
      if (children.size >= MAX_LIST_ENTRIES) {
        stop('children');
        break;
      }
    }
  } catch (error) {
    // Destroying the streams to stop early ends the iteration with an error of its own: not a failure.
    if (!stoppedBy) throw failure ?? error;
  } finally {
    clearTimeout(timer);
    if (!stoppedBy) tar.destroy();
  }
  if (failure && !stoppedBy) throw failure;
  return { entries: [...children.values()], stoppedBy, read: { entries: count, bytes } };
}
