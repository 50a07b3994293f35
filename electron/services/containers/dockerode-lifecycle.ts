import type Docker from 'dockerode';
import type { LifecycleAction } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { engineCall } from './engine-call';
import type { EngineWhere } from './engine-errors';
import { containerGone, DockerodeRemoval, isContainerGone } from './dockerode-removal';
import type {
  LifecycleEngine,
  LifecycleOptions,
  LifecycleOutcome,
  RemovalImpactReport,
  RemoveOptions,
  RemoveOutcome,
} from './lifecycle-engine';

const QUICK_MS = 30_000;
// A stop waits for the container's own grace period first; the engine answers only after it.
const GRACE_MARGIN_MS = 30_000;
const DEFAULT_GRACE_S = 10;

/** Lifecycle calls over dockerode; 304 (already there) is an outcome, not a failure. */
export class DockerodeLifecycle implements LifecycleEngine {
  private readonly removal: DockerodeRemoval;

  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {
    this.removal = new DockerodeRemoval(docker, where);
  }

  remove(id: string, options: RemoveOptions, signal?: AbortSignal): Promise<RemoveOutcome> {
    return this.removal.remove(id, options, signal);
  }

  removalImpact(ids: readonly string[], signal?: AbortSignal): Promise<RemovalImpactReport> {
    return this.removal.impact(ids, signal);
  }

  async act(
    id: string,
    action: LifecycleAction,
    options: LifecycleOptions,
    signal?: AbortSignal,
  ): Promise<LifecycleOutcome> {
    const container = this.docker.getContainer(id);
    const grace = options.timeoutSeconds;
    const timeoutMs =
      action === 'stop' || action === 'restart'
        ? (grace ?? DEFAULT_GRACE_S) * 1000 + GRACE_MARGIN_MS
        : QUICK_MS;
    const call = (abortSignal: AbortSignal): Promise<unknown> => {
      const base = { abortSignal };
      switch (action) {
        case 'start':
          return container.start(base);
        case 'stop':
          return container.stop({ ...base, ...(grace !== undefined ? { t: grace } : {}) });
        case 'restart':
          return container.restart({ ...base, ...(grace !== undefined ? { t: grace } : {}) });
        case 'kill':
          return container.kill({ ...base, signal: options.signal ?? 'KILL' });
        case 'pause':
          return container.pause(base);
        case 'unpause':
          return container.unpause(base);
      }
    };
    try {
      await engineCall(this.where, action, timeoutMs, signal, call);
      return { changed: true };
    } catch (error) {
      if (error instanceof AppError && error.details?.['status'] === 304) return { changed: false };
      throw isContainerGone(error) ? containerGone(id, this.where) : error;
    }
  }
}
