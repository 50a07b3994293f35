import { AppError } from '../../shared/errors';
import type { KubeCluster, PodScope, WatchEnd, WatchHandle } from './kube-cluster';
import type { PodCache } from './pod-cache';
import type { PodLike } from './pod-row';

/** How many pods one page of the initial list asks for (kubectl asks 500 too). */
export const PAGE_SIZE = 500;

/** What a stream did, for tests and the log: full lists, watches resumed, re-lists after 410 Gone. */
export interface StreamCounts {
  lists: number;
  resumes: number;
  relists: number;
}

function isGone(error: unknown): boolean {
  return error instanceof AppError && error.details?.status === 410;
}

/**
 * The pods of one scope (a namespace, or all of them) kept live: a paginated list, then a watch from the
 * list's resourceVersion (with bookmarks). A watch that ends (the server's timeout, a dropped connection)
 * resumes from the last resourceVersion seen; one whose version is too old (410 Gone) lists again. The
 * last resourceVersion outlives a lost connection, so a reconnect resumes rather than re-lists.
 */
export class PodStream {
  private resourceVersion: string | undefined;
  private watch: WatchHandle | undefined;
  private cluster: KubeCluster | undefined;
  private onLost: ((error: AppError) => void) | undefined;
  /** Bumped on every start and stop: callbacks of an older watch are ignored. */
  private generation = 0;
  /** Cancels the background re-lists of the current generation. */
  private abort = new AbortController();
  /** Watches in a row that the server closed within a second of opening. */
  private quickCloses = 0;
  private openedAt = 0;
  readonly counts: StreamCounts = { lists: 0, resumes: 0, relists: 0 };

  constructor(
    readonly scope: PodScope,
    private readonly cache: PodCache,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  /**
   * Lists (or resumes from the last resourceVersion) and opens the watch. Resolves once the pods can be
   * served: when the watch is open, or, for a scope listed for the first time, as soon as the first page
   * is in (10,000 pods are 20 pages: the first rows should not wait for the last), the other pages and
   * the watch following in the background. Later failures go to `onLost` (once), and the stream stops.
   */
  async start(cluster: KubeCluster, onLost: (error: AppError) => void, signal: AbortSignal): Promise<void> {
    this.stop();
    const generation = this.generation;
    this.cluster = cluster;
    this.onLost = onLost;
    if (this.resourceVersion !== undefined) {
      this.counts.resumes++;
      if (await this.openWatch(generation, this.resourceVersion)) return;
      this.counts.relists++;
    }
    // Rows already held (a re-list) stay until the whole list replaces them: no half list on screen.
    if (this.cache.countIn(this.scope.namespace) > 0) {
      await this.listAndWatch(generation, signal);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      let served = false;
      const firstPage = (): void => {
        served = true;
        resolve();
      };
      this.listAndWatch(generation, signal, firstPage).then(
        () => {
          if (!served) resolve();
        },
        (error: unknown) => {
          if (served) this.fail(generation, error);
          else reject(error);
        },
      );
    });
  }

  /** Closes the watch; the last resourceVersion is kept for the next start. */
  stop(): void {
    this.generation++;
    this.abort.abort(new AppError('CANCELLED', 'The pod watch was stopped.'));
    this.abort = new AbortController();
    this.watch?.close();
    this.watch = undefined;
  }

  /** Forget the resourceVersion: the next start lists afresh (the namespaces changed). */
  reset(): void {
    this.stop();
    this.resourceVersion = undefined;
  }

  private async listAndWatch(generation: number, signal: AbortSignal, firstPage?: () => void): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // A server that answers 410 to the version its own list just gave is broken: stop asking.
      if (attempt >= 3)
        throw new AppError(
          'UNAVAILABLE',
          'The server keeps refusing to watch pods from the version its own list gave (410 Gone). Bosun retries by itself; if this repeats, check the API server.',
        );
      const listed = await this.list(signal, firstPage);
      if (generation !== this.generation) throw new AppError('CANCELLED', 'superseded');
      this.cache.replaceScope(this.scope.namespace, listed.pods);
      this.resourceVersion = listed.resourceVersion;
      if (await this.openWatch(generation, listed.resourceVersion)) return;
      // Compacted between the list and the watch: list again.
      this.counts.relists++;
    }
  }

  /**
   * Every page; a `continue` token that expired (410) starts the list over, as kubectl does. With
   * `firstPage`, each page's pods go into the cache as they come, and `firstPage` is called after the first.
   */
  private async list(
    signal: AbortSignal,
    firstPage?: () => void,
  ): Promise<{ pods: PodLike[]; resourceVersion: string }> {
    const cluster = this.cluster!;
    this.counts.lists++;
    for (let attempt = 0; ; attempt++) {
      const pods: PodLike[] = [];
      let next: string | undefined;
      let resourceVersion = '';
      try {
        do {
          const page = await cluster.listPods(
            this.scope,
            { limit: this.pageSize, ...(next ? { continue: next } : {}) },
            signal,
          );
          pods.push(...page.pods);
          // The first page's version is the list's snapshot; later pages belong to it.
          const first = !next;
          if (first) resourceVersion = page.resourceVersion;
          next = page.continue;
          if (firstPage) {
            for (const pod of page.pods) this.cache.apply(pod, false);
            if (first) firstPage();
          }
        } while (next);
        return { pods, resourceVersion };
      } catch (error) {
        if (!isGone(error) || attempt >= 2) throw error;
      }
    }
  }

  /** Opens the watch; false when the version is too old (410 Gone) and a list is needed. */
  private async openWatch(generation: number, from: string): Promise<boolean> {
    const cluster = this.cluster!;
    let expiredEarly = false;
    let handle: WatchHandle;
    try {
      handle = await cluster.watchPods(this.scope, from, {
        onEvent: (event) => {
          if (generation !== this.generation) return;
          this.resourceVersion = event.resourceVersion;
          if (event.type !== 'BOOKMARK') this.cache.apply(event.pod, event.type === 'DELETED');
        },
        onEnd: (end) => {
          if (generation !== this.generation) return;
          if (!this.watch) {
            // Ended before watchPods resolved (a 410 answered at once, a connection dropped at once).
            if (end.kind === 'expired') expiredEarly = true;
            else queueMicrotask(() => this.ended(generation, end));
            return;
          }
          this.ended(generation, end);
        },
      });
    } catch (error) {
      if (isGone(error)) return false;
      throw error;
    }
    if (generation !== this.generation) {
      handle.close();
      throw new AppError('CANCELLED', 'superseded');
    }
    if (expiredEarly) {
      handle.close();
      return false;
    }
    this.watch = handle;
    this.openedAt = Date.now();
    return true;
  }

  private ended(generation: number, end: WatchEnd): void {
    if (generation !== this.generation) return;
    this.watch = undefined;
    if (end.kind === 'failed') {
      this.fail(generation, end.error);
      return;
    }
    // A server (or proxy) that closes every watch at once would otherwise be asked again in a tight loop.
    this.quickCloses = Date.now() - this.openedAt < 1_000 ? this.quickCloses + 1 : 0;
    if (this.quickCloses >= 5) {
      this.fail(
        generation,
        new AppError(
          'UNAVAILABLE',
          'The server keeps closing the pod watch as soon as it opens. Bosun reconnects by itself; if this repeats, check any proxy between you and the cluster.',
        ),
      );
      return;
    }
    const resume = end.kind === 'closed' && this.resourceVersion !== undefined;
    if (resume) this.counts.resumes++;
    else this.counts.relists++;
    const signal = this.abort.signal;
    const reopen = resume
      ? this.openWatch(generation, this.resourceVersion!).then((open) =>
          open ? undefined : (this.counts.relists++, this.listAndWatch(generation, signal)),
        )
      : this.listAndWatch(generation, signal);
    reopen.catch((error: unknown) => this.fail(generation, error));
  }

  private fail(generation: number, error: unknown): void {
    if (generation !== this.generation) return;
    const onLost = this.onLost;
    this.stop();
    if (error instanceof AppError && error.code === 'CANCELLED') return;
    onLost?.(
      error instanceof AppError ? error : new AppError('INTERNAL', 'The pod watch failed unexpectedly.'),
    );
  }
}
