import type { Connection, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineFactory } from '../containers/container-engine';
import type { EngineDirectory } from '../containers/engine-directory';
import { readTlsMaterial } from '../containers/tls-material';
import type { BackoffOptions } from './backoff';
import { ConnectionSession } from './connection-session';
import { discover, type SystemPaths } from './discovery';
import { formatEndpoint, parseEndpoint } from './endpoint';
import { discoveredConflict, mergeSpecs, userSpec } from './registry';
import { slugify, uniqueId } from './slug';
import { SSH_NOT_SUPPORTED } from './ssh-blocked';
import type { ConnectionSpec } from './spec';
import { ConnectionStore, type StoredConnection } from './store';

export interface ConnectionsServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly createEngine: EngineFactory;
  readonly onConnectionsChanged: (ids: string[]) => void;
  readonly onContainersChanged: (change: { connectionId: string; ids: string[]; full: boolean }) => void;
  readonly log: (message: string) => void;
  readonly systemPaths?: SystemPaths;
  readonly backoff?: BackoffOptions;
  readonly cacheWindowMs?: number;
}

type AddInput = ParsedIn<'connections.add'>;

// add and retry answer with the outcome of the attempt, or with `connecting` if it takes longer.
const ANSWER_WITHIN_MS = 5_000;

/** The registry of engines: discovered and user-added, each with a live session. */
export class ConnectionsService implements EngineDirectory {
  private readonly sessions = new Map<string, ConnectionSession>();
  private readonly store: ConnectionStore;
  private user: StoredConnection[] = [];
  private storeError: AppError | undefined;
  private loading: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: ConnectionsServiceOptions) {
    this.store = new ConnectionStore(options.dataDir);
  }

  /** Reads discovery and the store, then connects everything in the background. */
  loaded(): Promise<void> {
    return (this.loading ??= this.load());
  }

  get(id: string): ConnectionSession | undefined {
    return this.sessions.get(id);
  }

  all(): ConnectionSession[] {
    return [...this.sessions.values()];
  }

  async list(): Promise<Connection[]> {
    await this.loaded();
    return this.all().map((session) => session.toConnection());
  }

  async add(input: AddInput, signal?: AbortSignal): Promise<Connection> {
    await this.loaded();
    const session = await this.serial(async () => {
      if (this.storeError) throw this.storeError;
      const stored = await this.validate(input);
      await this.store.save([...this.user, stored]);
      this.user.push(stored);
      return this.open(userSpec(stored));
    });
    await session.ready(signal, ANSWER_WITHIN_MS).catch(() => undefined);
    return session.toConnection();
  }

  async remove(id: string): Promise<{ id: string }> {
    await this.loaded();
    return this.serial(async () => {
      const session = this.require(id);
      if (session.spec.source !== 'user') throw discoveredConflict(session.spec);
      if (this.storeError) throw this.storeError;
      const rest = this.user.filter((entry) => entry.id !== id);
      await this.store.save(rest);
      this.user = rest;
      session.dispose();
      this.sessions.delete(id);
      this.options.onConnectionsChanged([id]);
      return { id };
    });
  }

  async retry(id: string, signal?: AbortSignal): Promise<Connection> {
    await this.loaded();
    const session = this.require(id);
    void session.connect();
    await session.ready(signal, ANSWER_WITHIN_MS).catch(() => undefined);
    return session.toConnection();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.loading?.catch(() => undefined);
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private async load(): Promise<void> {
    const { env, homeDir, systemPaths } = this.options;
    const found = await discover({ env, homeDir, ...(systemPaths ? { paths: systemPaths } : {}) });
    for (const problem of found.problems) this.options.log(problem);
    try {
      const stored = await this.store.load();
      if (stored.problem) this.options.log(stored.problem);
      this.user = stored.entries;
    } catch (error) {
      this.storeError = error instanceof AppError ? error : new AppError('UNAVAILABLE', String(error));
      this.options.log(this.storeError.message);
    }
    if (this.disposed) return;
    for (const spec of mergeSpecs(found.specs, this.user.map(userSpec))) this.open(spec);
  }

  private open(spec: ConnectionSpec): ConnectionSession {
    const session = new ConnectionSession(spec, {
      createEngine: this.options.createEngine,
      onStatus: (id) => this.options.onConnectionsChanged([id]),
      onContainers: (connectionId, change) => this.options.onContainersChanged({ connectionId, ...change }),
      log: this.options.log,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.cacheWindowMs !== undefined ? { cacheWindowMs: this.options.cacheWindowMs } : {}),
    });
    this.sessions.set(spec.id, session);
    this.options.onConnectionsChanged([spec.id]);
    void session.connect();
    return session;
  }

  private async validate(input: AddInput): Promise<StoredConnection> {
    const target = parseEndpoint(input.endpoint);
    if (target.kind === 'ssh')
      throw new AppError('INVALID_ARGUMENT', `${SSH_NOT_SUPPORTED.reason} ${SSH_NOT_SUPPORTED.hint}`);
    const endpoint = formatEndpoint(target);
    if (input.tls) {
      if (target.kind !== 'tcp') {
        throw new AppError(
          'INVALID_ARGUMENT',
          `TLS files apply to tcp:// endpoints only; ${endpoint} is a local socket. Remove the TLS files, or use tcp://host:2376.`,
        );
      }
      for (const path of Object.values(input.tls)) {
        if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) {
          throw new AppError(
            'INVALID_ARGUMENT',
            `The TLS file path "${path.slice(0, 200)}" is not absolute. Use a full path such as /home/me/.docker/ca.pem.`,
          );
        }
      }
      await readTlsMaterial({ verify: true, ...input.tls }, endpoint).catch((error: AppError) => {
        throw new AppError('INVALID_ARGUMENT', error.message, error.details);
      });
    }
    const twin = this.all().find((session) => session.spec.endpoint === endpoint);
    if (twin) {
      throw new AppError(
        'CONFLICT',
        `${endpoint} is already listed as "${twin.spec.name}" (id ${twin.id}). Use that connection, or remove it first.`,
        { id: twin.id },
      );
    }
    const id = uniqueId(slugify(input.name), new Set(this.sessions.keys()));
    return { id, name: input.name, endpoint, ...(input.tls ? { tls: { ...input.tls } } : {}) };
  }

  private require(id: string): ConnectionSession {
    const session = this.sessions.get(id);
    if (!session)
      throw new AppError(
        'NOT_FOUND',
        `There is no connection "${id}". connections.list shows the ids there are.`,
      );
    return session;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
