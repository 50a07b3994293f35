import type { Connection, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineEvent, EngineFactory } from '../containers/container-engine';
import { unknownConnection, type EngineDirectory } from '../containers/engine-directory';
import { checkAddInput } from './add-input';
import type { BackoffOptions } from './backoff';
import { ConnectionSession } from './connection-session';
import { testConnection, type ConnectionTestResult } from './connection-test';
import { unlockSession } from './connection-unlock';
import { discover, type Discovery, type SystemPaths } from './discovery';
import { DiscoveryWatcher, discoveryInterests } from './discovery-watch';
import { engineKey } from './engine-key';
import { watchForWake, type WakeWatchOptions } from './wake-watch';
import type { LivenessOptions } from './liveness-watchdog';
import { planRediscovery } from './rediscovery-plan';
import { discoveredConflict, mergeSpecs, userSpec } from './registry';
import { slugify, uniqueId } from './slug';
import { sameTarget, type ConnectionSpec } from './spec';
import { unblockSsh } from './ssh-blocked';
import type { SshSupport } from './ssh-support';

export type { SshSupport } from './ssh-support';
import { ConnectionStore, type StoredConnection } from './store';

export interface ConnectionsServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly createEngine: EngineFactory;
  readonly onConnectionsChanged: (ids: string[]) => void;
  readonly onContainersChanged: (change: { connectionId: string; ids: string[]; full: boolean }) => void;
  /** Every engine event of a live connection (images, volumes, networks too). */
  readonly onEngineEvent?: (connectionId: string, event: EngineEvent) => void;
  readonly log: (message: string) => void;
  /** Errors no adapter translated: the original goes here, a fixed message goes on the wire. */
  readonly onInternalError?: (where: string, error: unknown) => void;
  readonly systemPaths?: SystemPaths;
  readonly backoff?: BackoffOptions;
  readonly liveness?: LivenessOptions;
  readonly cacheWindowMs?: number;
  /** Watch the sockets and docker config for changes and discover again (default true). */
  readonly watchDiscovery?: boolean;
  readonly rediscoverDebounceMs?: number;
  /** SSH support (the tunnel): without it ssh:// engines are listed but never dialled. */
  readonly ssh?: SshSupport;
  /** Check every connection at once after the machine wakes from sleep (default on; false for tests). */
  readonly wakeWatch?: WakeWatchOptions | false;
}

type AddInput = ParsedIn<'connections.add'>;
type UpdateInput = ParsedIn<'connections.update'>;

// add and retry answer with the outcome of the attempt, or with `connecting` if it takes longer.
const ANSWER_WITHIN_MS = 5_000;

function shuttingDown(): AppError {
  return new AppError(
    'CANCELLED',
    'Bosun is shutting down; nothing was connected. Start it again to continue.',
  );
}

/** The registry of engines: discovered and user-added, each with a live session. */
export class ConnectionsService implements EngineDirectory {
  private readonly sessions = new Map<string, ConnectionSession>();
  private readonly store: ConnectionStore;
  private readonly watcher: DiscoveryWatcher | undefined;
  private readonly stopWakeWatch: (() => void) | undefined;
  private user: StoredConnection[] = [];
  private storeError: AppError | undefined;
  private problems = new Set<string>();
  private loading: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: ConnectionsServiceOptions) {
    this.store = new ConnectionStore(options.dataDir);
    if (options.watchDiscovery !== false) {
      this.watcher = new DiscoveryWatcher({
        interests: () => discoveryInterests(this.discoveryInput()),
        onChange: () =>
          void this.rediscover().catch((error: unknown) => this.background('rediscovery', error)),
        debounceMs: options.rediscoverDebounceMs ?? 300,
        log: options.log,
      });
    }
    if (options.wakeWatch !== false) {
      this.stopWakeWatch = watchForWake((sleptMs) => {
        options.log(`woke after ~${Math.round(sleptMs / 1000)} s asleep: checking every connection now`);
        for (const session of this.sessions.values()) session.nudge();
      }, options.wakeWatch);
    }
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
      if (this.disposed) throw shuttingDown();
      await this.store.save([...this.user, stored]);
      this.user.push(stored);
      return this.open(userSpec(stored));
    });
    await session.ready(signal, ANSWER_WITHIN_MS).catch(() => undefined);
    return session.toConnection();
  }

  /**
   * Changes a user-added connection in place: checked as add checks it, saved under the same id. A new
   * endpoint or new files make a new session (the old one closes); a new name alone relabels the live one.
   */
  async update(input: UpdateInput, signal?: AbortSignal): Promise<Connection> {
    await this.loaded();
    const session = await this.serial(async () => {
      const current = this.require(input.id);
      if (current.spec.source !== 'user') throw discoveredConflict(current.spec);
      if (this.storeError) throw this.storeError;
      const { id, ...fields } = input;
      const checked = await checkAddInput(
        fields,
        (error) => this.reportInternal('connections.update', error),
        this.options.ssh !== undefined,
      );
      const spec: ConnectionSpec = { ...userSpec({ id, ...checked }), current: current.spec.current };
      const moved = !sameTarget(spec, current.spec);
      if (moved) {
        await this.refuseDuplicate(spec, id);
        if (this.options.ssh && spec.target?.kind === 'ssh')
          await this.options.ssh.checkHostKey(spec, input.acceptHostKey);
      }
      if (this.disposed) throw shuttingDown();
      const next = this.user.map((entry) => (entry.id === id ? { id, ...checked } : entry));
      await this.store.save(next);
      this.user = next;
      if (!moved) {
        current.relabel(spec);
        return current;
      }
      const opened = this.open(spec);
      // The old engine's rows go; the new session's first list brings what is there now.
      this.options.onContainersChanged({ connectionId: id, ids: [], full: true });
      return opened;
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

  /**
   * Trusts the host key of an ssh:// connection: the host is asked again and its key is recorded only if
   * it is exactly `fingerprint` (the SSH support refuses anything else), then the connection is retried.
   */
  async acceptHostKey(id: string, fingerprint: string, signal?: AbortSignal): Promise<Connection> {
    await this.loaded();
    const session = this.require(id);
    const { ssh } = this.options;
    if (!ssh || session.spec.target?.kind !== 'ssh')
      throw new AppError(
        'INVALID_ARGUMENT',
        `${session.spec.name} (${session.spec.endpoint}) is not reached over SSH, so it has no host key to accept.`,
        { field: 'id' },
      );
    await ssh.checkHostKey(session.spec, fingerprint);
    return this.retry(id, signal);
  }

  /** Gives an ssh:// login the passphrase or password its status asks for, then retries (see unlockSession). */
  async unlock(id: string, secret: string, remember: boolean, signal?: AbortSignal): Promise<Connection> {
    await this.loaded();
    await unlockSession(this.require(id), this.options.ssh, secret, remember);
    return this.retry(id, signal);
  }

  /** Tests a connection step by step on fresh clients (see testConnection). */
  async test(id: string, signal?: AbortSignal): Promise<ConnectionTestResult> {
    await this.loaded();
    const { createEngine, ssh } = this.options;
    return testConnection(this.require(id).spec, { createEngine, ...(ssh ? { ssh } : {}) }, signal);
  }

  /**
   * Discovers again and merges: unchanged engines keep their live session, vanished ones close (with a
   * full containers.changed, so lists drop their rows), new ones connect.
   */
  async rediscover(): Promise<Connection[]> {
    await this.loaded();
    await this.serial(() => this.applyDiscovery());
    return this.all().map((session) => session.toConnection());
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.watcher?.close();
    this.stopWakeWatch?.();
    await this.loading?.catch(() => undefined);
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private async load(): Promise<void> {
    // Watch first: a change made while discovery reads is then seen by the next one.
    await this.watcher?.refresh();
    const found = await this.discover();
    try {
      const stored = await this.store.load();
      if (stored.problem) this.options.log(stored.problem);
      this.user = stored.entries;
    } catch (error) {
      if (!(error instanceof AppError)) this.reportInternal('connections store', error);
      this.storeError =
        error instanceof AppError
          ? error
          : new AppError(
              'UNAVAILABLE',
              'Bosun could not read its saved connections (an unexpected error, logged). Restart Bosun; if this repeats, report it with Bosun’s log.',
            );
      this.options.log(this.storeError.message);
    }
    const specs = await mergeSpecs(found.specs, this.user.map(userSpec));
    if (this.disposed) return;
    for (const spec of specs) this.open(spec);
  }

  private async applyDiscovery(): Promise<void> {
    if (this.disposed) throw shuttingDown();
    await this.watcher?.refresh();
    const found = await this.discover();
    const next = await mergeSpecs(found.specs, this.user.map(userSpec));
    if (this.disposed) throw shuttingDown();
    const plan = planRediscovery(
      this.all().map((session) => session.spec),
      next,
    );
    const gone = [...plan.remove, ...plan.replace.map((spec) => spec.id)];
    for (const id of gone) {
      this.sessions.get(id)?.dispose();
      this.sessions.delete(id);
    }
    for (const spec of plan.keep) this.sessions.get(spec.id)?.relabel(spec);
    for (const spec of [...plan.replace, ...plan.add]) this.open(spec);
    // The list keeps discovery's order (current engines first, as on a fresh start).
    const ordered = next.flatMap((spec) => this.sessions.get(spec.id) ?? []);
    this.sessions.clear();
    for (const session of ordered) this.sessions.set(session.id, session);
    if (plan.remove.length > 0) this.options.onConnectionsChanged(plan.remove);
    for (const connectionId of gone) this.options.onContainersChanged({ connectionId, ids: [], full: true });
  }

  private async discover(): Promise<Discovery> {
    const raw = await discover(this.discoveryInput());
    const found = this.options.ssh ? { ...raw, specs: raw.specs.map(unblockSsh) } : raw;
    // Rediscovery runs on every change: say each problem once, not on every run.
    for (const problem of found.problems) if (!this.problems.has(problem)) this.options.log(problem);
    this.problems = new Set(found.problems);
    return found;
  }

  private discoveryInput() {
    const { env, homeDir, systemPaths } = this.options;
    return { env, homeDir, ...(systemPaths ? { paths: systemPaths } : {}) };
  }

  private open(spec: ConnectionSpec): ConnectionSession {
    // A session opened after dispose() would keep its event stream and timers forever.
    if (this.disposed) throw shuttingDown();
    const { options } = this;
    const session = new ConnectionSession(spec, {
      createEngine: options.createEngine,
      onStatus: (id) => options.onConnectionsChanged([id]),
      onContainers: (connectionId, change) => options.onContainersChanged({ connectionId, ...change }),
      ...(options.onEngineEvent ? { onEngineEvent: options.onEngineEvent } : {}),
      log: options.log,
      onInternalError: (error) => this.reportInternal(`connection ${spec.id}`, error),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.liveness ? { liveness: options.liveness } : {}),
      ...(options.cacheWindowMs !== undefined ? { cacheWindowMs: options.cacheWindowMs } : {}),
    });
    // Two sessions under one id would both stream and retry, and only one could ever be closed.
    this.sessions.get(spec.id)?.dispose();
    this.sessions.set(spec.id, session);
    options.onConnectionsChanged([spec.id]);
    void session.connect();
    return session;
  }

  private async validate(input: AddInput): Promise<StoredConnection> {
    const ssh = this.options.ssh;
    const checked = await checkAddInput(
      input,
      (error) => this.reportInternal('connections.add', error),
      ssh !== undefined,
    );
    const spec = userSpec({ id: 'new', ...checked });
    await this.refuseDuplicate(spec);
    // Nothing is saved for a host whose key nobody has confirmed.
    if (ssh && spec.target?.kind === 'ssh') await ssh.checkHostKey(spec, input.acceptHostKey);
    return { id: uniqueId(slugify(input.name), new Set(this.sessions.keys())), ...checked };
  }

  /** One engine is listed once, however its path is spelled (a symlink to a listed socket is that socket). */
  private async refuseDuplicate(spec: ConnectionSpec, self?: string): Promise<void> {
    const key = await engineKey(spec);
    for (const session of this.all()) {
      if (session.id === self) continue;
      if ((await engineKey(session.spec)) !== key) continue;
      throw new AppError(
        'CONFLICT',
        `${spec.endpoint} is already listed as "${session.spec.name}" (id ${session.id}, ${session.spec.endpoint}). Use that connection, or remove it first.`,
        { id: session.id },
      );
    }
  }

  private require(id: string): ConnectionSession {
    const session = this.sessions.get(id);
    if (!session) throw unknownConnection(id);
    return session;
  }

  /** The original of an unexpected error goes to the core's internal-error sink, never to the wire. */
  private reportInternal(where: string, error: unknown): void {
    if (this.options.onInternalError) this.options.onInternalError(where, error);
    else this.options.log(`internal error in ${where}: ${String(error)}`);
  }

  /** A background job failed: shutting down is no news; anything else is logged. */
  private background(what: string, error: unknown): void {
    if (error instanceof AppError && error.code === 'CANCELLED') return;
    if (error instanceof AppError) this.options.log(`${what} failed: ${error.message}`);
    else this.reportInternal(what, error);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
