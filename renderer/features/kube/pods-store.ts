import type { Cluster, Out, Payload, PodRow } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';
import { ReadQueue, type ReadWork } from '../containers/read-queue';

export type ClusterFailure = Out<'kube.pods.list'>['failures'][number];

export interface PodItem {
  /** `${clusterId}/${uid}`: unique across clusters. */
  readonly key: string;
  readonly row: PodRow;
}

export interface PodsSnapshot {
  readonly items: readonly PodItem[];
  /** Clusters whose pods could not be read, with the core's reason. */
  readonly failures: readonly ClusterFailure[];
  /** The first full read has answered. */
  readonly loaded: boolean;
  /** The full read itself failed (the call, not one cluster). */
  readonly error: AppError | undefined;
}

const INITIAL: PodsSnapshot = { items: [], failures: [], loaded: false, error: undefined };

// What kube.pods.list accepts in `uids`; anything else turns the re-read into a full one.
const isUid = (uid: string): boolean => uid.length > 0 && uid.length <= 64;

function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', 'Reading the pods failed.');
}

/**
 * The pods of every connected cluster, kept live without polling: one full read on attach, then
 * `kube.pods.changed` hints re-read only the uids they name, or the cluster's whole list on `full`
 * (ReadQueue coalesces them per frame and keeps reads of one cluster from overlapping).
 */
export class PodsStore extends ExternalStore<PodsSnapshot> {
  private readonly rows = new Map<string, Map<string, PodItem>>();
  private readonly failures = new Map<string, ClusterFailure>();
  private readonly states = new Map<string, Cluster['status']['state']>();
  private readonly queue: ReadQueue;
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private generation = 0;
  private loaded = false;
  private error: AppError | undefined;

  constructor(schedule: Schedule = nextFrame) {
    super(INITIAL);
    this.queue = new ReadQueue(schedule, (clusterId, work) => this.reread(clusterId, work), isUid);
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    this.subscription = client.subscribe('kube.pods.changed', {}, (payload) => this.onChanged(payload));
    void this.readAll();
  }

  /** Keep the rows on screen (a new client re-reads everything), stop reading. */
  detach(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.client = undefined;
    this.queue.reset();
  }

  reload(): void {
    if (this.client) void this.readAll();
  }

  /** Re-read one cluster's pods (after a retry or a new namespace scope). */
  refresh(clusterId: string): void {
    if (this.client) this.queue.add(clusterId, { full: true, ids: [] });
  }

  /**
   * Follows the clusters: one that (re)connected is read whole; a reconnecting one keeps its rows (shown
   * as last seen); an unavailable or removed one drops them, so nothing stale looks live.
   */
  syncClusters(clusters: readonly Cluster[]): void {
    let changed = false;
    const present = new Set<string>();
    for (const cluster of clusters) {
      const state = cluster.status.state;
      present.add(cluster.id);
      const previous = this.states.get(cluster.id);
      this.states.set(cluster.id, state);
      if (state === 'connected' && previous !== undefined && previous !== 'connected') {
        this.queue.add(cluster.id, { full: true, ids: [] });
      }
      if (state === 'unavailable') changed = this.drop(cluster.id, false) || changed;
    }
    for (const id of [...this.states.keys()]) {
      if (present.has(id)) continue;
      this.states.delete(id);
      changed = this.drop(id, true) || changed;
    }
    if (changed) this.publish();
  }

  private onChanged(payload: Payload<'kube.pods.changed'>): void {
    this.queue.add(payload.clusterId, { full: payload.full, ids: payload.uids });
  }

  private async readAll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    this.queue.hold();
    try {
      const result = await client.call('kube.pods.list', {});
      if (generation !== this.generation) return;
      this.rows.clear();
      this.failures.clear();
      this.put(result.rows);
      for (const failure of result.failures) this.failures.set(failure.clusterId, failure);
      this.loaded = true;
      this.error = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      this.loaded = true;
      this.error = toAppError(error);
    } finally {
      if (generation === this.generation) {
        this.publish();
        this.queue.release();
      }
    }
  }

  private async reread(clusterId: string, work: ReadWork): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    const input = work.full ? { clusterIds: [clusterId] } : { clusterIds: [clusterId], uids: [...work.ids] };
    let result: Out<'kube.pods.list'>;
    try {
      result = await client.call('kube.pods.list', input);
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = toAppError(error);
      this.failures.set(clusterId, { clusterId, code: appError.code, message: appError.message });
      this.publish();
      return;
    }
    if (generation !== this.generation) return;
    const failure = result.failures.find((f) => f.clusterId === clusterId);
    if (failure) {
      this.failures.set(clusterId, failure);
    } else {
      this.failures.delete(clusterId);
      const byUid = this.rows.get(clusterId);
      if (work.full) this.rows.delete(clusterId);
      else if (byUid) for (const uid of work.ids) byUid.delete(uid); // a uid not returned is a pod gone
      this.put(result.rows);
    }
    this.publish();
  }

  private put(rows: readonly PodRow[]): void {
    for (const row of rows) {
      let byUid = this.rows.get(row.clusterId);
      if (!byUid) {
        byUid = new Map();
        this.rows.set(row.clusterId, byUid);
      }
      byUid.set(row.uid, { key: `${row.clusterId}/${row.uid}`, row });
    }
  }

  private drop(clusterId: string, forget: boolean): boolean {
    this.queue.forget(clusterId);
    const hadRows = this.rows.delete(clusterId);
    const hadFailure = forget && this.failures.delete(clusterId);
    return hadRows || hadFailure;
  }

  private publish(): void {
    const items: PodItem[] = [];
    for (const byUid of this.rows.values()) for (const item of byUid.values()) items.push(item);
    this.set({ items, failures: [...this.failures.values()], loaded: this.loaded, error: this.error });
  }
}
