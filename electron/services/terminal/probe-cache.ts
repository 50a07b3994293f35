import { AppError } from '../../shared/errors';
import type { ContainerFiles, FileToPut, PathStat, ProbeFiles } from '../containers/container-files';

/** How long a probe's answers are reused: long enough for a burst of tabs, short enough to see a change. */
const TTL_MS = 30_000;
/** Archive calls in flight per engine: a probe makes dozens, and an engine answers them one lock at a time. */
const MAX_IN_FLIGHT = 8;

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/**
 * The archive API as the shell probe uses it, shared by every session on one engine: the same path of
 * the same container is asked once (ten tabs opened at once make one probe, not ten), answers are
 * reused for a short while, and at most MAX_IN_FLIGHT calls reach the engine at a time. A failed
 * answer is not kept, and putFiles forgets what it may have changed.
 */
export class ProbeCache implements ProbeFiles {
  private readonly stats = new Map<string, Entry<PathStat | undefined>>();
  private readonly reads = new Map<string, Entry<Uint8Array | undefined>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly files: ContainerFiles,
    private readonly now: () => number = Date.now,
  ) {}

  statPath(id: string, path: string, signal?: AbortSignal): Promise<PathStat | undefined> {
    // Shared answers are loaded without any one caller's signal; each caller can still walk away.
    return abortable(
      this.remember(this.stats, `${id}\0${path}`, () => this.files.statPath(id, path)),
      signal,
    );
  }

  readFile(
    id: string,
    path: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array | undefined> {
    return abortable(
      this.remember(this.reads, `${id}\0${path}\0${maxBytes}`, () => this.files.readFile(id, path, maxBytes)),
      signal,
    );
  }

  async putFiles(id: string, dir: string, files: readonly FileToPut[], signal?: AbortSignal): Promise<void> {
    const prefix = `${id}\0${dir.replace(/\/$/, '')}/`;
    for (const cache of [this.stats, this.reads]) {
      for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
    }
    await this.limited(() => this.files.putFiles(id, dir, files, signal));
  }

  private remember<T>(cache: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.value;
    const value = this.limited(load);
    cache.set(key, { at: this.now(), value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  }

  private async limited<T>(call: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await call();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

function abortable<T>(value: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return value;
  if (signal.aborted) return Promise.reject(cancelled(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    value.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelled(signal: AbortSignal): AppError {
  return signal.reason instanceof AppError
    ? signal.reason
    : new AppError('CANCELLED', 'The probe was cancelled.');
}

const caches = new WeakMap<ContainerFiles, ProbeCache>();

/** The one cache of an engine's files (keyed by the engine's own files object, gone with it). */
export function probeCacheOf(files: ContainerFiles): ProbeCache {
  let cache = caches.get(files);
  if (!cache) caches.set(files, (cache = new ProbeCache(files)));
  return cache;
}
