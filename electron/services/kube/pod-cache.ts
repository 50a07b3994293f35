import type { PodRow } from '../../shared/contract';
import { podSummary, type PodLike, type PodSummary } from './pod-row';

export interface PodCacheOptions {
  readonly clusterId: string;
  /** Uids whose rows changed (a missing row means the pod is gone), coalesced over `windowMs`. */
  readonly onChanged: (uids: string[]) => void;
  /** How long changed uids are collected before one hint; short enough to stay well under 50 ms. */
  readonly windowMs?: number;
}

export interface PodFilter {
  readonly namespaces?: readonly string[];
  readonly uids?: readonly string[];
}

/**
 * The pods of one cluster, kept live by watch events: each event updates its row at once (the watch
 * carries the whole object, nothing is re-read) and the uids that changed go out as one small hint per
 * window, so a burst of events is one kube.pods.changed, not one per event.
 */
export class PodCache {
  private readonly rows = new Map<string, PodSummary>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: PodCacheOptions) {}

  /** A watch event's pod: its row is replaced (or removed when `deleted`). */
  apply(pod: PodLike, deleted: boolean): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const before = this.rows.get(uid);
    if (deleted) {
      if (!before) return;
      this.rows.delete(uid);
    } else {
      const row = podSummary(pod);
      if (before && JSON.stringify(before) === JSON.stringify(row)) return;
      this.rows.set(uid, row);
    }
    this.note(uid);
  }

  /**
   * A full list of one scope (one namespace, or all when absent): rows in the scope that the list does
   * not have are gone. Only the rows that differ are hinted.
   */
  replaceScope(namespace: string | undefined, pods: readonly PodLike[]): void {
    const seen = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata?.uid;
      if (!uid) continue;
      seen.add(uid);
      this.apply(pod, false);
    }
    for (const [uid, row] of this.rows) {
      if (seen.has(uid) || (namespace !== undefined && row.namespace !== namespace)) continue;
      this.rows.delete(uid);
      this.note(uid);
    }
  }

  /** Drops the rows outside these namespaces (after the watched namespaces changed); null keeps all. */
  keepNamespaces(namespaces: readonly string[] | null): void {
    if (namespaces === null) return;
    for (const [uid, row] of this.rows) {
      if (namespaces.includes(row.namespace)) continue;
      this.rows.delete(uid);
      this.note(uid);
    }
  }

  list(filter: PodFilter = {}): PodRow[] {
    const rows: PodRow[] = [];
    const uids = filter.uids ? new Set(filter.uids) : undefined;
    for (const row of this.rows.values()) {
      if (uids && !uids.has(row.uid)) continue;
      if (filter.namespaces && !filter.namespaces.includes(row.namespace)) continue;
      rows.push({ clusterId: this.options.clusterId, ...row });
    }
    return rows;
  }

  /** How many rows the scope has (one namespace, or all when absent). */
  countIn(namespace: string | undefined): number {
    if (namespace === undefined) return this.rows.size;
    let count = 0;
    for (const row of this.rows.values()) if (row.namespace === namespace) count++;
    return count;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Forget the uids not hinted yet: a full hint is going out that covers them. */
  discardPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private note(uid: string): void {
    if (this.closed) return;
    this.pending.add(uid);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const uids = [...this.pending];
      this.pending.clear();
      if (uids.length > 0 && !this.closed) this.options.onChanged(uids);
    }, this.options.windowMs ?? 5);
  }
}
