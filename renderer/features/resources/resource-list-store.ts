import type { Connection, Out, ResourceKind } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';
import { ReadQueue } from '../containers/read-queue';

export type ListMethod = 'images.list' | 'volumes.list' | 'networks.list';
export type RowOf<M extends ListMethod> = Out<M>['rows'][number];
export type ConnectionFailure = Out<'images.list'>['failures'][number];

export interface ResourceListSnapshot<R> {
  readonly rows: readonly R[];
  /** Connections whose list could not be read, with the core's reason. */
  readonly failures: readonly ConnectionFailure[];
  /** The first full read has answered. */
  readonly loaded: boolean;
  /** A full read is out (the Refresh button shows it). */
  readonly reading: boolean;
  /** The full read itself failed (not one engine: the call). */
  readonly error: AppError | undefined;
}

const INITIAL = { rows: [], failures: [], loaded: false, reading: false, error: undefined };

function toAppError(error: unknown, what: string): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', `Reading the ${what} failed.`);
}

/**
 * One resource list (images, volumes or networks) of every connected engine. It reads only while a
 * view shows it (`activate`): a full read when the view opens, then `resources.changed` hints re-read
 * the one engine they name, coalesced per frame by the same queue as the containers list. No polling.
 */
export class ResourceListStore<M extends ListMethod> extends ExternalStore<ResourceListSnapshot<RowOf<M>>> {
  private readonly rows = new Map<string, readonly RowOf<M>[]>();
  private readonly failures = new Map<string, ConnectionFailure>();
  private readonly states = new Map<string, Connection['status']['state']>();
  private readonly queue: ReadQueue;
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private active = 0;
  private generation = 0;
  private loaded = false;
  private reading = false;
  private error: AppError | undefined;

  constructor(
    private readonly method: M,
    private readonly kind: ResourceKind,
    schedule: Schedule = nextFrame,
  ) {
    super(INITIAL);
    this.queue = new ReadQueue(schedule, (connectionId) => this.reread(connectionId));
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    if (this.active > 0) this.start();
  }

  /** The link is gone: keep the rows on screen, stop reading (a new client reads everything again). */
  detach(): void {
    this.stop();
    this.client = undefined;
  }

  /** A view shows the list: read it now and follow the engines' hints until the returned function runs. */
  activate(): () => void {
    this.active++;
    if (this.active === 1) this.start();
    return () => {
      this.active--;
      if (this.active === 0) this.stop();
    };
  }

  /** Read everything again (the Refresh button, or after an action of ours). */
  reload(): void {
    if (this.client) void this.readAll();
  }

  /** Re-read one engine (after an action on it). */
  refresh(connectionId: string): void {
    if (this.client) this.queue.add(connectionId, { full: true, ids: [] });
  }

  /** Follows the connections: an engine that (re)connects is read, one that went away dropped. */
  syncConnections(connections: readonly Connection[]): void {
    let changed = false;
    const present = new Set<string>();
    for (const { id, status } of connections) {
      present.add(id);
      const previous = this.states.get(id);
      this.states.set(id, status.state);
      if (
        status.state === 'connected' &&
        previous !== undefined &&
        previous !== 'connected' &&
        this.active > 0
      )
        this.refresh(id);
      if (status.state === 'unavailable' && this.rows.delete(id)) changed = true;
    }
    for (const id of [...this.states.keys()]) {
      if (present.has(id)) continue;
      this.states.delete(id);
      this.queue.forget(id);
      changed = this.rows.delete(id) || this.failures.delete(id) || changed;
    }
    if (changed) this.publish();
  }

  private start(): void {
    const client = this.client;
    if (!client || this.subscription) return;
    this.subscription = client.subscribe('resources.changed', { kinds: [this.kind] }, (hint) =>
      this.queue.add(hint.connectionId, { full: true, ids: [] }),
    );
    void this.readAll();
  }

  private stop(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.queue.reset();
    if (this.reading) {
      this.reading = false;
      this.publish();
    }
  }

  private async readAll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    this.queue.hold();
    this.reading = true;
    this.publish();
    try {
      const result = await this.list(client);
      if (generation !== this.generation) return;
      this.rows.clear();
      this.failures.clear();
      this.put(result.rows as readonly RowOf<M>[]);
      for (const failure of result.failures) this.failures.set(failure.connectionId, failure);
      this.error = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = toAppError(error, this.kind === 'image' ? 'images' : `${this.kind}s`);
    } finally {
      if (generation === this.generation) {
        this.loaded = true;
        this.reading = false;
        this.publish();
        this.queue.release();
      }
    }
  }

  private async reread(connectionId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const generation = this.generation;
    let result: Out<M>;
    try {
      result = await this.list(client, [connectionId]);
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = toAppError(error, `${this.kind}s`);
      this.failures.set(connectionId, { connectionId, code: appError.code, message: appError.message });
      this.publish();
      return;
    }
    if (generation !== this.generation) return;
    const failure = result.failures.find((f) => f.connectionId === connectionId);
    if (failure) this.failures.set(connectionId, failure);
    else this.failures.delete(connectionId);
    this.rows.delete(connectionId);
    this.put(result.rows as readonly RowOf<M>[]);
    this.publish();
  }

  /** The three list methods take the same input; only their rows differ. */
  private list(client: BosunClient, connectionIds?: string[]): Promise<Out<M>> {
    const call = client.call.bind(client) as (
      method: ListMethod,
      input: { connectionIds?: string[] },
    ) => Promise<Out<M>>;
    return call(this.method, connectionIds ? { connectionIds } : {});
  }

  private put(rows: readonly RowOf<M>[]): void {
    const byConnection = new Map<string, RowOf<M>[]>();
    for (const row of rows)
      byConnection.set(row.connectionId, [...(byConnection.get(row.connectionId) ?? []), row]);
    for (const [id, list] of byConnection) this.rows.set(id, list);
  }

  private publish(): void {
    this.set({
      rows: [...this.rows.values()].flat(),
      failures: [...this.failures.values()],
      loaded: this.loaded,
      reading: this.reading,
      error: this.error,
    });
  }
}
