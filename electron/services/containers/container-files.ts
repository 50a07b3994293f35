import type { Readable } from 'node:stream';

/** What `HEAD /containers/{id}/archive?path=…` says about one path (X-Docker-Container-Path-Stat). */
export interface PathStat {
  readonly name: string;
  readonly size: number;
  /** Go's os.FileMode bits: permission bits plus type bits (dir 1<<31, symlink 1<<27). */
  readonly mode: number;
  /** Last modification, ms since the epoch (null when the engine did not say). */
  readonly mtime: number | null;
  /** Where a symlink points (absolute, resolved by the engine), else "". */
  readonly linkTarget: string;
  readonly isDirectory: boolean;
  readonly isSymlink: boolean;
}

/** A file put into a container with PUT /containers/{id}/archive. */
export interface FileToPut {
  /** Relative to the directory given to putFiles. */
  readonly name: string;
  readonly content: Uint8Array;
  readonly mode: number;
}

/** A path's tar as the engine streams it (`GET /containers/{id}/archive`). */
export interface ArchiveRead {
  /** The path as the engine describes it (the X-Docker-Container-Path-Stat header of the answer). */
  readonly stat: PathStat;
  /**
   * The tar. It has no deadline once it flows: the caller reads it to the end or destroys it (either
   * frees the engine's connection); the signal given to openArchive destroys it too.
   */
  readonly tar: Readable;
}

/** What `GET /containers/{id}/changes` reports: one path added, modified or deleted against the image. */
export interface ContainerChange {
  readonly path: string;
  readonly kind: 'modified' | 'added' | 'deleted';
}

/**
 * A container's filesystem through the archive API (`/containers/{id}/archive`): works with no shell
 * in the image, on running and stopped containers. Every failure is an AppError (NOT_FOUND for a
 * container that is gone, UNAVAILABLE for an engine that went away).
 */
export interface ContainerFiles {
  /** undefined when the path does not exist in the container. */
  statPath(id: string, path: string, signal?: AbortSignal): Promise<PathStat | undefined>;
  /** A regular file's bytes (at most maxBytes, else INVALID_ARGUMENT); undefined when missing. */
  readFile(id: string, path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array | undefined>;
  /** Writes files into an existing directory of the container (created or running). */
  putFiles(id: string, dir: string, files: readonly FileToPut[], signal?: AbortSignal): Promise<void>;
  /**
   * The tar of a path, streamed (a folder's whole subtree, a file's one entry); undefined when the
   * path does not exist. A path ending in "/." gives a folder's contents under "./", links followed.
   */
  openArchive(id: string, path: string, signal?: AbortSignal): Promise<ArchiveRead | undefined>;
  /**
   * Streams a tar into an existing directory (PUT), unpacked as it arrives; resolves once the engine
   * has it all. A folder is never replaced by a file or the reverse (CONFLICT); a read-only filesystem
   * is PERMISSION_DENIED. No deadline of its own: the caller bounds it with the signal.
   */
  putArchive(id: string, dir: string, tar: Readable, signal?: AbortSignal): Promise<void>;
  /** What the container changed against its image (`docker diff`), in the engine's order. */
  changes(id: string, signal?: AbortSignal): Promise<ContainerChange[]>;
}

/** What the terminal's shell probe reads and writes: a few small paths, never a whole tree. */
export type ProbeFiles = Pick<ContainerFiles, 'statPath' | 'readFile' | 'putFiles'>;
