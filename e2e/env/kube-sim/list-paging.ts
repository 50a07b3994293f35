// List answers with limit/continue over consistent snapshots: the first page pins the list at its
// resourceVersion, later pages read the same snapshot. A token older than the watch history answers
// 410 Expired as the real server does once etcd compacted that revision.
import { ApiError, badRequest, type Json } from './status';
import type { KubeObject, Store } from './store';

interface Snapshot {
  readonly rv: number;
  readonly items: readonly KubeObject[];
}

interface Token {
  readonly v: string;
  readonly rv: number;
  readonly start: number;
  readonly id: string;
}

const MAX_SNAPSHOTS = 64;
const EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export class ListPager {
  private readonly snapshots = new Map<string, Snapshot>();
  private next = 0;

  constructor(private readonly store: Store) {}

  /** Pages `all` (already filtered and ordered) by `limit`/`continue`. */
  page(listKind: string, apiVersion: string, all: () => KubeObject[], query: URLSearchParams): Json {
    const limitText = query.get('limit');
    const limit = limitText ? Number(limitText) : 0;
    if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitText}`);
    const cont = query.get('continue');
    let snap: Snapshot;
    let start = 0;
    let id: string;
    if (cont) {
      const token = this.decode(cont);
      if (token.rv < this.store.oldestResumableRv()) throw new ApiError(410, EXPIRED, 'Expired');
      const found = this.snapshots.get(token.id);
      if (!found) throw new ApiError(410, EXPIRED, 'Expired');
      snap = found;
      start = token.start;
      id = token.id;
    } else {
      snap = { rv: this.store.currentRv(), items: all() };
      id = String(++this.next);
    }
    const end = limit > 0 ? Math.min(snap.items.length, start + limit) : snap.items.length;
    const metadata: Json = { resourceVersion: String(snap.rv) };
    if (end < snap.items.length) {
      this.keep(id, snap);
      metadata.continue = encode({ v: 'meta.k8s.io/v1', rv: snap.rv, start: end, id });
      metadata.remainingItemCount = snap.items.length - end;
    } else {
      this.snapshots.delete(id);
    }
    const items = snap.items.slice(start, end).map(stripTypeMeta);
    return { kind: listKind, apiVersion, metadata, items };
  }

  private keep(id: string, snap: Snapshot): void {
    this.snapshots.delete(id);
    this.snapshots.set(id, snap);
    while (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }

  private decode(text: string): Token {
    try {
      const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Token>;
      if (
        typeof parsed.rv === 'number' &&
        typeof parsed.start === 'number' &&
        typeof parsed.id === 'string'
      ) {
        return parsed as Token;
      }
    } catch {
      // fall through to the error below
    }
    throw badRequest('continue key is not valid: illegal base64 data or token format');
  }
}

function encode(token: Token): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** Items of a list carry no apiVersion/kind, as in the real server's JSON. */
function stripTypeMeta(obj: KubeObject): Json {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}
