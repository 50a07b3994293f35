import {
  MAX_CHANGES,
  MAX_LIST_ENTRIES,
  type FileEntry,
  type FileStat,
  type FilesListing,
  type Out,
  type ParsedIn,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerFiles, PathStat } from '../containers/container-files';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { failure } from '../containers/engine-errors';
import { childPath, contentsPath, normalizePath } from './container-path';
import { fromGoMode } from './file-mode';
import { LIST_BUDGET, listTar, type ListBudget, type StopReason } from './list-tar';

/**
 * Top-level folders that images commonly have. When the listing of "/" stops early (the tar walks the
 * whole image in name order, so /usr and /var come last), the ones after the cut are asked for by name.
 */
const WELL_KNOWN_ROOT = [
  'app', 'bin', 'boot', 'data', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt',
  'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var', 'workspace',
]; // prettier-ignore
const PROBE_CONCURRENCY = 8;

const short = (id: string): string => id.slice(0, 12);

const STOPPED_BY: Record<StopReason, (budget: ListBudget) => string> = {
  time: (b) => `after ${b.ms / 1000} s`,
  bytes: (b) => `after reading ${Math.round(b.bytes / 2 ** 20)} MiB`,
  entries: (b) => `after ${b.entries.toLocaleString('en')} files`,
  children: () => `at ${MAX_LIST_ENTRIES.toLocaleString('en')} entries`,
};

export interface FilesServiceOptions {
  readonly budget?: ListBudget;
}

/** Browsing a container's filesystem through the archive API: listing, stat, and changes against the image. */
export class FilesService {
  private readonly budget: ListBudget;

  constructor(
    private readonly engines: EngineDirectory,
    options: FilesServiceOptions = {},
  ) {
    this.budget = options.budget ?? LIST_BUDGET;
  }

  async list(input: ParsedIn<'files.list'>, signal?: AbortSignal): Promise<FilesListing> {
    const files = await this.files(input.connectionId);
    const id = input.containerId;
    const path = normalizePath(input.path);
    const target = await resolveFolder(files, id, path, signal);
    const read = await files.openArchive(id, contentsPath(target), signal);
    if (!read) throw missing(path, id);
    let listing;
    try {
      listing = await listTar(read.tar, this.budget);
    } catch (error) {
      throw brokeOff(error, `the listing of ${path}`, signal);
    }
    const entries = listing.entries;
    if (listing.stoppedBy && target === '/') entries.push(...(await probeRoot(files, id, entries, signal)));
    const message = listing.stoppedBy
      ? `This folder is large: the listing stopped ${STOPPED_BY[listing.stoppedBy](this.budget)} and may be incomplete` +
        (target === '/' ? ' (the usual top-level folders were checked by name).' : '.') +
        ' Open a subfolder, or type the path you want in the path bar.'
      : '';
    return { path, target, entries, complete: !listing.stoppedBy, message };
  }

  async stat(input: ParsedIn<'files.stat'>, signal?: AbortSignal): Promise<FileStat> {
    const files = await this.files(input.connectionId);
    const path = normalizePath(input.path);
    const stat = await files.statPath(input.containerId, path, signal);
    if (!stat) throw missing(path, input.containerId);
    const { type, mode } = fromGoMode(stat.mode);
    let targetType: FileStat['type'] | undefined;
    if (stat.isSymlink && stat.linkTarget) {
      const end = await files.statPath(input.containerId, stat.linkTarget, signal);
      if (end) targetType = fromGoMode(end.mode).type;
    }
    return {
      path,
      name: stat.name,
      type,
      size: stat.size,
      mode,
      mtime: stat.mtime,
      linkTarget: stat.isSymlink ? stat.linkTarget : '',
      ...(targetType ? { targetType } : {}),
    };
  }

  async changes(input: ParsedIn<'files.changes'>, signal?: AbortSignal): Promise<Out<'files.changes'>> {
    const files = await this.files(input.connectionId);
    const all = await files.changes(input.containerId, signal);
    all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { changes: all.slice(0, MAX_CHANGES), total: all.length };
  }

  private async files(connectionId: string): Promise<ContainerFiles> {
    return (await requireConnection(this.engines, connectionId)).liveEngine().files;
  }
}

/** NOT_FOUND for a path that is not in the container, worded once. */
export function missing(path: string, id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `${path} does not exist in container ${short(id)}. Check the path, or open its parent folder.`,
    { what: 'path', path },
  );
}

/** Where a path ends once a symlink is followed, with its stat; NOT_FOUND when it or its target is missing. */
export async function resolvePath(
  files: ContainerFiles,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<{ target: string; stat: PathStat }> {
  const stat = await files.statPath(id, path, signal);
  if (!stat) throw missing(path, id);
  if (!stat.isSymlink) return { target: path, stat };
  // The engine resolves a link fully (a chain of links included), so one more stat reaches its end.
  const end = stat.linkTarget ? await files.statPath(id, stat.linkTarget, signal) : undefined;
  if (!end) {
    throw new AppError(
      'NOT_FOUND',
      `${path} in container ${short(id)} is a link to ${stat.linkTarget || 'nothing'}, which does not exist.`,
      { what: 'path', path },
    );
  }
  return { target: stat.linkTarget, stat: end };
}

/** The folder a path leads to (links followed); INVALID_ARGUMENT when it is a file. */
export async function resolveFolder(
  files: ContainerFiles,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<string> {
  const { target, stat } = await resolvePath(files, id, path, signal);
  if (!stat.isDirectory) {
    const { type } = fromGoMode(stat.mode);
    throw new AppError(
      'INVALID_ARGUMENT',
      `${path} in container ${short(id)} is a ${type === 'file' ? 'file' : 'special file'}, not a folder.`,
      { what: 'path', path, type },
    );
  }
  return target;
}

/** A failure while reading a stream, as people should see it. */
export function brokeOff(error: unknown, what: string, signal?: AbortSignal): AppError {
  if (signal?.aborted) {
    return signal.reason instanceof AppError
      ? signal.reason
      : new AppError('CANCELLED', `${what} was cancelled.`);
  }
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return failure(
    'UNAVAILABLE',
    `${what[0]?.toUpperCase()}${what.slice(1)} broke off: ${reason}.`,
    'The container may have been removed or the engine restarted; try again.',
  );
}

/** The well-known top-level folders after the point where the listing of "/" stopped. */
async function probeRoot(
  files: ContainerFiles,
  id: string,
  found: readonly FileEntry[],
  signal?: AbortSignal,
): Promise<FileEntry[]> {
  const seen = new Set(found.map((e) => e.name));
  const last = found.at(-1)?.name ?? '';
  const names = WELL_KNOWN_ROOT.filter((name) => name > last && !seen.has(name));
  const extra: (FileEntry | undefined)[] = new Array(names.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const index = next++;
      const name = names[index]!;
      const stat = await files.statPath(id, childPath('/', name), signal);
      if (!stat) continue;
      const { type, mode } = fromGoMode(stat.mode);
      extra[index] = {
        name,
        type,
        size: type === 'file' ? stat.size : null,
        mode,
        mtime: stat.mtime,
        uid: null,
        gid: null,
        ...(type === 'symlink' ? { linkTarget: stat.linkTarget } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, names.length) }, worker));
  return extra.filter((e): e is FileEntry => e !== undefined);
}
