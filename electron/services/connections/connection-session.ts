import type { Connection } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { ContainerCache } from '../containers/container-cache';
import type {
  ContainerEngine,
  EngineEvent,
  EngineInfo,
  EngineFactory,
  EventStream,
} from '../containers/container-engine';
import type { EngineSessionView } from '../containers/engine-directory';
import { failure } from '../containers/engine-errors';
import { credentialOf } from './credential-status';
import { DEFAULT_LIVENESS, watchLiveness, type LivenessOptions, type Watchdog } from './liveness-watchdog';
import { ReconnectingSession, type ReconnectingDeps } from './reconnecting-session';
import { sameTarget, type ConnectionSpec } from './spec';

export interface SessionDeps extends ReconnectingDeps {
  readonly createEngine: EngineFactory;
  /** Containers changed: publish containers.changed. */
  readonly onContainers: (id: string, change: { ids: string[]; full: boolean }) => void;
  /** Every engine event (containers, images, volumes, networks), for hints beyond the container cache. */
  readonly onEngineEvent?: (id: string, event: EngineEvent) => void;
  readonly liveness?: LivenessOptions;
  readonly cacheWindowMs?: number;
}

type Status = Omit<Connection['status'], 'retryable'>;

interface Live {
  readonly engine: ContainerEngine;
  readonly cache: ContainerCache;
  readonly events: EventStream;
  readonly watchdog: Watchdog;
}

/** What the user set for a connection they added, as the edit form shows it. */
function settingsOf(spec: ConnectionSpec): NonNullable<Connection['settings']> {
  const { tls, ssh } = spec;
  return {
    ...(tls?.ca && tls.cert && tls.key ? { tls: { ca: tls.ca, cert: tls.cert, key: tls.key } } : {}),
    ...(ssh?.identityFile ? { identityFile: ssh.identityFile } : {}),
    ...(ssh?.remoteSocket ? { remoteSocket: ssh.remoteSocket } : {}),
  };
}

/** The host key problem an SSH refusal carries, for the status (the UI shows the fingerprint). */
function hostKeyOf(error: AppError): Status['hostKey'] {
  if (error.code !== 'HOST_KEY_UNKNOWN' && error.code !== 'HOST_KEY_CHANGED') return undefined;
  const { host, keyType, fingerprint } = error.details ?? {};
  if (typeof host !== 'string' || typeof keyType !== 'string' || typeof fingerprint !== 'string')
    return undefined;
  return { problem: error.code === 'HOST_KEY_UNKNOWN' ? 'unknown' : 'changed', host, keyType, fingerprint };
}

// Events that never change a list row: skipping them keeps an open terminal from causing re-reads.
const QUIET_ACTIONS = /^(exec_|top$|resize$|attach$|archive-path$|extract-to-dir$|export$|copy$|commit$)/;

/**
 * One engine connection: connected with one live event stream, a container cache and a liveness
 * watchdog, or not (with a reason), retrying as ReconnectingSession does until disposed.
 */
export class ConnectionSession extends ReconnectingSession<Live, Status> implements EngineSessionView {
  private current: ConnectionSpec;

  constructor(
    spec: ConnectionSpec,
    private readonly deps: SessionDeps,
  ) {
    super(spec.blocked, deps);
    this.current = spec;
  }

  get spec(): ConnectionSpec {
    return this.current;
  }

  get endpoint(): string {
    return this.current.endpoint;
  }

  get id(): string {
    return this.current.id;
  }

  protected get blocked(): ConnectionSpec['blocked'] {
    return this.current.blocked;
  }

  protected get label(): string {
    return `${this.current.name} (${this.current.endpoint})`;
  }

  protected get name(): string {
    return this.current.name;
  }

  toConnection(): Connection {
    const spec = this.current;
    return {
      id: spec.id,
      name: spec.name,
      kind: 'docker',
      endpoint: spec.endpoint,
      source: spec.source,
      ...(spec.contextName !== undefined ? { contextName: spec.contextName } : {}),
      current: spec.current,
      tls: spec.tls !== undefined,
      ...(spec.source === 'user' ? { settings: settingsOf(spec) } : {}),
      // A blocked connection is never dialled: a Retry button for it could only ever fail.
      status: { ...this.status, retryable: !spec.blocked },
    };
  }

  /**
   * Takes a rediscovered spec for the same engine (a new name, the current flag moved) without
   * touching the live connection; publishes the change.
   */
  relabel(spec: ConnectionSpec): void {
    if (spec.id !== this.current.id || !sameTarget(spec, this.current))
      throw new AppError('INTERNAL', 'relabel: not the same engine');
    const before = JSON.stringify(this.toConnection());
    this.current = spec;
    if (JSON.stringify(this.toConnection()) !== before) this.deps.onStatus(spec.id);
  }

  liveCache(): ContainerCache {
    if (this.live) return this.live.cache;
    throw this.whyNotConnected();
  }

  liveEngine(): ContainerEngine {
    if (this.live) return this.live.engine;
    throw this.whyNotConnected();
  }

  protected stillConnecting(): AppError {
    const spec = this.current;
    return failure(
      'UNAVAILABLE',
      `${spec.name} (${spec.endpoint}) is still connecting.`,
      'Its containers appear as soon as it answers.',
    );
  }

  protected override failureDetails(error: AppError): Partial<Status> {
    const hostKey = hostKeyOf(error);
    const credential = credentialOf(error);
    return { ...(hostKey ? { hostKey } : {}), ...(credential ? { credential } : {}) };
  }

  protected async open(
    _generation: number,
    signal: AbortSignal,
    lost: (error: AppError) => void,
  ): Promise<{ live: Live; status: Status }> {
    const spec = this.current;
    let engine: ContainerEngine | undefined;
    let cache: ContainerCache | undefined;
    let events: EventStream | undefined;
    // The stream and the identity are asked together; the identity's failure cancels the stream.
    const asked = new AbortController();
    const both = AbortSignal.any([signal, asked.signal]);
    try {
      engine = await this.deps.createEngine(spec);
      const liveCache = new ContainerCache({
        connectionId: spec.id,
        engine,
        windowMs: this.deps.cacheWindowMs,
        onChanged: (ids) => this.deps.onContainers(spec.id, { ids, full: false }),
        onFailure: lost,
        ...(this.deps.onInternalError ? { onInternalError: this.deps.onInternalError } : {}),
      });
      cache = liveCache;
      // The engine's identity and the event stream are asked at once: one round trip less before the
      // first list, which counts most over an SSH tunnel. The stream opens before the first list, so
      // nothing that happens during the list is missed.
      const streamAsked = engine.watchEvents(
        {
          onEvent: (event) => {
            if (event.type === 'container' && !QUIET_ACTIONS.test(event.action))
              liveCache.markDirty(event.id, event.action);
            this.deps.onEngineEvent?.(spec.id, event);
          },
          onEnd: lost,
        },
        both,
      );
      // Handled here too: a stream refused while the identity is still on its way must not go unheard.
      streamAsked.catch(() => undefined);
      let info: EngineInfo;
      try {
        info = await engine.version(signal);
      } catch (error) {
        // The identity's failure is the reason (a hung engine times out here); the stream asked beside
        // it is cancelled, or closed should it open anyway.
        asked.abort();
        void streamAsked.then(
          (stream) => stream.close(),
          () => undefined,
        );
        throw error;
      }
      events = await streamAsked;
      await cache.prime(signal);
      const watchdog = watchLiveness(engine, this.deps.liveness ?? DEFAULT_LIVENESS, lost);
      return {
        live: { engine, cache, events, watchdog },
        status: { state: 'connected', since: this.now(), engine: info },
      };
    } catch (error) {
      events?.close();
      cache?.close();
      engine?.close();
      throw error;
    }
  }

  protected close(live: Live): void {
    live.events.close();
    live.cache.close();
    live.engine.close();
  }

  protected connected(): void {
    this.deps.onContainers(this.current.id, { ids: [], full: true });
  }
}
