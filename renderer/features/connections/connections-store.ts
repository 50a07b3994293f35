import type { Connection, In, Out } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { Subscription } from '../../../electron/shared/rpc/client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { nextFrame, type Schedule } from '../../api/schedule';

export interface ConnectionsSnapshot {
  readonly connections: readonly Connection[];
  /** The first list has arrived (or failed). */
  readonly loaded: boolean;
  /** The last read failed; the list shown is the one before it. */
  readonly error: AppError | undefined;
}

const INITIAL: ConnectionsSnapshot = { connections: [], loaded: false, error: undefined };

/**
 * The engine connections with their live status. `connections.changed` is only a hint: every burst of
 * them becomes one re-read of `connections.list`, and reads never overlap.
 */
export class ConnectionsStore extends ExternalStore<ConnectionsSnapshot> {
  private client: BosunClient | undefined;
  private subscription: Subscription | undefined;
  private generation = 0;
  private reading = false;
  private readAgain = false;
  private scheduled = false;

  constructor(private readonly schedule: Schedule = nextFrame) {
    super(INITIAL);
  }

  attach(client: BosunClient): void {
    this.detach();
    this.client = client;
    this.subscription = client.subscribe('connections.changed', {}, () => this.requestRead());
    void this.read();
  }

  /** The link is gone: keep what we know on screen, stop reading until a new client comes. */
  detach(): void {
    this.generation++;
    this.subscription?.close();
    this.subscription = undefined;
    this.client = undefined;
    this.reading = false;
    this.readAgain = false;
  }

  async retry(id: string): Promise<Connection> {
    const connection = await this.requireClient().call('connections.retry', { id });
    this.upsert(connection);
    return connection;
  }

  async add(input: In<'connections.add'>): Promise<Connection> {
    const connection = await this.requireClient().call('connections.add', input);
    this.upsert(connection);
    return connection;
  }

  /** Changes a user-added connection (same id); the core reconnects it when the endpoint or files changed. */
  async update(input: In<'connections.update'>): Promise<Connection> {
    const connection = await this.requireClient().call('connections.update', input);
    this.upsert(connection);
    return connection;
  }

  /** Tests a connection step by step on fresh clients; the live connection is left as it is. */
  test(id: string): Promise<Out<'connections.test'>> {
    return this.requireClient().call('connections.test', { id });
  }

  /** Trusts the SSH host key the connection's status shows (the core re-checks it), then connects. */
  async acceptHostKey(id: string, fingerprint: string): Promise<Connection> {
    const connection = await this.requireClient().call('connections.acceptHostKey', { id, fingerprint });
    this.upsert(connection);
    return connection;
  }

  /** Gives the passphrase or password the connection's status asks for (the core checks it), then connects. */
  async unlock(id: string, secret: string, remember: boolean): Promise<Connection> {
    const connection = await this.requireClient().call('connections.unlock', { id, secret, remember });
    this.upsert(connection);
    return connection;
  }

  /** Forget a user-added connection; it leaves the list at once (the core's changed event confirms it). */
  async remove(id: string): Promise<void> {
    await this.requireClient().call('connections.remove', { id });
    const connections = this.getSnapshot().connections.filter((c) => c.id !== id);
    this.set({ ...this.getSnapshot(), connections });
  }

  private requestRead(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.read();
    });
  }

  private async read(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    const generation = this.generation;
    try {
      const connections = await client.call('connections.list', {});
      if (generation === this.generation) this.set({ connections, loaded: true, error: undefined });
    } catch (error) {
      if (generation !== this.generation) return;
      const appError = isAppError(error)
        ? error
        : new AppError('INTERNAL', 'Reading the connections failed.');
      this.set({ ...this.getSnapshot(), loaded: true, error: appError });
    } finally {
      if (generation === this.generation) {
        this.reading = false;
        if (this.readAgain) {
          this.readAgain = false;
          void this.read();
        }
      }
    }
  }

  private upsert(connection: Connection): void {
    const current = this.getSnapshot().connections;
    const index = current.findIndex((c) => c.id === connection.id);
    const connections =
      index === -1 ? [...current, connection] : current.map((c, i) => (i === index ? connection : c));
    this.set({ ...this.getSnapshot(), connections });
  }

  private requireClient(): BosunClient {
    if (!this.client)
      throw new AppError('UNAVAILABLE', 'Bosun is reconnecting to its core; try again in a moment.');
    return this.client;
  }
}
