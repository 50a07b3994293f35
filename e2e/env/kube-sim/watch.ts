// Watches: chunked JSON lines (ADDED/MODIFIED/DELETED/BOOKMARK/ERROR), resumable from any
// resourceVersion still in the store's history; older versions get an ERROR event carrying a 410
// Expired Status and the stream ends, as kube-apiserver does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, statusObject, type Json } from './status';
import type { Change, KubeObject, Store } from './store';

export interface WatchTarget {
  readonly resource: string;
  /** undefined for all namespaces or cluster-scoped resources. */
  readonly namespace: string | undefined;
  readonly kind: string;
  readonly apiVersion: string;
  readonly matches: (obj: KubeObject) => boolean;
  /** How objects are written (e.g. as a one-row Table for kubectl get -w); as they are by default. */
  readonly present?: (obj: KubeObject) => unknown;
}

const DEFAULT_TIMEOUT_S = 1800;

export class WatchHub {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly store: Store,
    private readonly bookmarkIntervalMs: number,
  ) {}

  serve(req: IncomingMessage, res: ServerResponse, target: WatchTarget, query: URLSearchParams): void {
    const rvText = query.get('resourceVersion') ?? '';
    const timeoutText = query.get('timeoutSeconds');
    const timeoutS = timeoutText ? Number(timeoutText) : DEFAULT_TIMEOUT_S;
    if (!Number.isFinite(timeoutS) || timeoutS < 0)
      throw badRequest(`invalid timeoutSeconds: ${timeoutText}`);
    const fromRv = rvText === '' || rvText === '0' ? undefined : Number(rvText);
    if (fromRv !== undefined && !Number.isInteger(fromRv)) {
      throw new ApiError(400, `invalid resource version: ${rvText}`, 'BadRequest');
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
    res.flushHeaders();
    res.on('error', () => undefined);
    const send = (type: string, object: unknown): void => {
      if (res.writableEnded || res.destroyed) return;
      const shown =
        type === 'BOOKMARK' || type === 'ERROR' || !target.present
          ? object
          : target.present(object as KubeObject);
      res.write(`${JSON.stringify({ type, object: shown })}\n`);
    };
    const relevant = (c: Change): boolean =>
      c.resource === target.resource &&
      (target.namespace === undefined || c.object.metadata.namespace === target.namespace);
    const deliver = (c: Change): void => {
      if (!relevant(c)) return;
      const now = target.matches(c.object);
      const before = c.previous !== undefined && target.matches(c.previous);
      if (c.type === 'ADDED') {
        if (now) send('ADDED', c.object);
      } else if (c.type === 'DELETED') {
        if (before) send('DELETED', c.object);
      } else if (now && before) send('MODIFIED', c.object);
      else if (now) send('ADDED', c.object);
      else if (before) send('DELETED', c.object);
    };

    if (fromRv === undefined) {
      for (const obj of this.store.list(target.resource, target.namespace))
        if (target.matches(obj)) send('ADDED', obj);
    } else {
      let backlog: Change[];
      try {
        backlog = this.store.changesSince(fromRv);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        send('ERROR', statusObject(410, error.message, 'Expired'));
        res.end();
        return;
      }
      for (const change of backlog) deliver(change);
    }

    const unsubscribe = this.store.subscribe(deliver);
    const bookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
    const bookmarkTimer = bookmarks
      ? setInterval(() => send('BOOKMARK', this.bookmark(target)), this.bookmarkIntervalMs)
      : undefined;
    const timeout = setTimeout(() => res.end(), timeoutS * 1000);
    this.open.add(res);
    const cleanup = (): void => {
      unsubscribe();
      clearInterval(bookmarkTimer);
      clearTimeout(timeout);
      this.open.delete(res);
    };
    res.on('close', cleanup);
    req.on('close', cleanup);
  }

  private bookmark(target: WatchTarget): Json {
    return {
      kind: target.kind,
      apiVersion: target.apiVersion,
      metadata: { resourceVersion: String(this.store.currentRv()) },
    };
  }

  /** Cuts every open watch connection mid-stream, as a network drop or an apiserver crash would. */
  dropAll(): void {
    for (const res of this.open) res.destroy();
    this.open.clear();
  }

  /** Ends every watch cleanly (server shutdown). */
  endAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
