import type { Connection, ContainerRow, Out, Payload } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';
import { ReadQueue, type ReadWork } from './read-queue';

export type ConnectionFailure = Out<'containers.list'>['failures'][number];

export interface ContainerItem {
  /** `${connectionId}/${id}`: unique across engines. */
  readonly key: string;
  readonly row: ContainerRow;
  /** When the row was read (ms): its status text ("Up 3 seconds") is relative to this moment. */
  readonly readAt: number;
}

export interface ContainersSnapshot {
  readonly items: readonly ContainerItem[];
  /** Connections whose containers could not be read, with the core's reason. */
  readonly failures: readonly ConnectionFailure[];
  /** The first full read has answered. */
  readonly loaded: boolean;
  /** The full read itself failed (not one engine: the call). */
  readonly error: AppError | undefined;
}

export interface ContainersStoreOptions {
  readonly schedule?: Schedule;
  readonly now?: () => number;
}

const INITIAL: ContainersSnapshot = { items: [], failures: [], loaded: false, error: undefined };

function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', 'Reading the containers failed.');
}

/**
 * The containers of every connected engine, kept live without polling: one full read on attach, then
 * `containers.changed` hints re-read only what they name (see ReadQueue for coalescing and ordering).
 */
export class ContainersStore extends ExternalStore<ContainersSnapshot> {
  private readonly rows = new Map<string, Map<string, ContainerItem>>();
  private readonly failures = new Map<string, ConnectionFailure>();
  private readonly states = new Map<string, Connection['status']['state']>();
  /** Connections the last full read answered for (rows or a failure): reading them again would add nothing. */
  private readonly covered = new Set<string>();
  private readonly queue: ReadQueue;
  private readonly now: () => number;
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private generation = 0;
  private loaded = false;
  private error: AppError | undefined;

  constructor(options: ContainersStoreOptions = {}) {
    super(INITIAL);
    this.now = options.now ?? Date.now;
    this.queue = new ReadQueue(options.schedule ?? nextFrame, (connectionId, work) =>
      this.reread(connectionId, work),
    );
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    this.subscription = client.subscribe('containers.changed', {}, (payload) => this.onChanged(payload));
    void this.readAll();
  }

  /** The link is gone: keep the rows on screen (a reconnect re-reads everything), stop reading. */
  detach(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.client = undefined;
    this.queue.reset();
  }

  /** Re-read everything (after a failed read, or when the user asks). */
  reload(): void {
    if (this.client) void this.readAll();
  }

  /** Re-read one engine's containers (after the user retried it). */
  refresh(connectionId: string): void {
    if (this.client) this.queue.add(connectionId, { full: true, ids: [] });
  }

  /** Follows the connections: rows of an engine that connected are read, rows of one that went away dropped. */
  syncConnections(connections: readonly Connection[]): void {
    let changed = false;
    const present = new Set<string>();
    for (const connection of connections) {
      const id = connection.id;
      const state = connection.status.state;
      present.add(id);
      const previous = this.states.get(id);
      this.states.set(id, state);
      // A connection seen for the first time is covered by the full read (still out, or answered with it).
      const unread = previous === undefined ? this.loaded && !this.covered.has(id) : previous !== 'connected';
      if (state === 'connected' && unread) {
        this.queue.add(id, { full: true, ids: [] });
      }
      // A reconnecting engine keeps its rows, shown as last seen; the full re-read on reconnect replaces them.
      if (state === 'unavailable') changed = this.dropConnection(id, false) || changed;
    }
    for (const id of [...this.states.keys()]) {
      if (present.has(id)) continue;
      this.states.delete(id);
      changed = this.dropConnection(id, true) || changed;
    }
    if (changed) this.publish();
  }

  private onChanged(payload: Payload<'containers.changed'>): void {
    this.queue.add(payload.connectionId, { full: payload.full, ids: payload.ids });
  }

  private async readAll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    this.queue.hold();
    try {
      const result = await client.call('containers.list', {});
      if (generation !== this.generation) return;
      this.rows.clear();
      this.failures.clear();
      this.put(result.rows);
      for (const failure of result.failures) this.failures.set(failure.connectionId, failure);
      this.covered.clear();
      for (const id of [...this.rows.keys(), ...this.failures.keys()]) this.covered.add(id);
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

  private async reread(connectionId: string, work: ReadWork): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    const input = work.full
      ? { connectionIds: [connectionId] }
      : { connectionIds: [connectionId], ids: [...work.ids] };
    let result: Out<'containers.list'>;
    try {
      result = await client.call('containers.list', input);
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = toAppError(error);
      this.failures.set(connectionId, { connectionId, code: appError.code, message: appError.message });
      this.publish();
      return;
    }
    if (generation !== this.generation) return;
    const failure = result.failures.find((f) => f.connectionId === connectionId);
    if (failure) {
      this.failures.set(connectionId, failure);
    } else {
      this.failures.delete(connectionId);
      if (work.full) this.rows.delete(connectionId);
      else this.removeMissing(connectionId, work.ids, result.rows);
      this.put(result.rows);
    }
    this.publish();
  }

  /** Ids the re-read asked for and did not get back are gone; events may name them by full or short id. */
  private removeMissing(
    connectionId: string,
    asked: readonly string[],
    returned: readonly ContainerRow[],
  ): void {
    const byId = this.rows.get(connectionId);
    if (!byId) return;
    const kept = new Set(returned.map((row) => row.id));
    for (const wanted of asked) {
      const matches = byId.has(wanted)
        ? [wanted]
        : [...byId.keys()].filter((id) => id.startsWith(wanted) || wanted.startsWith(id));
      for (const id of matches) if (!kept.has(id)) byId.delete(id);
    }
  }

  private put(rows: readonly ContainerRow[]): void {
    const readAt = this.now();
    for (const row of rows) {
      let byId = this.rows.get(row.connectionId);
      if (!byId) {
        byId = new Map();
        this.rows.set(row.connectionId, byId);
      }
      byId.set(row.id, { key: `${row.connectionId}/${row.id}`, row, readAt });
    }
  }

  private dropConnection(connectionId: string, forget: boolean): boolean {
    this.queue.forget(connectionId);
    const hadRows = this.rows.delete(connectionId);
    const hadFailure = forget && this.failures.delete(connectionId);
    return hadRows || hadFailure;
  }

  private publish(): void {
    const items: ContainerItem[] = [];
    for (const byId of this.rows.values()) for (const item of byId.values()) items.push(item);
    this.set({ items, failures: [...this.failures.values()], loaded: this.loaded, error: this.error });
  }
}
