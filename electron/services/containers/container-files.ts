/** What `HEAD /containers/{id}/archive?path=…` says about one path (X-Docker-Container-Path-Stat). */
export interface PathStat {
  readonly name: string;
  readonly size: number;
  /** Go's os.FileMode bits: permission bits plus type bits (dir 1<<31, symlink 1<<27). */
  readonly mode: number;
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
}
