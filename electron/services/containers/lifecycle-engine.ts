import type { LifecycleAction, Out } from '../../shared/contract';

export interface LifecycleOptions {
  /** kill: the signal (KILL when absent). */
  readonly signal?: string;
  /** stop/restart: seconds before the engine kills (the container's StopTimeout when absent). */
  readonly timeoutSeconds?: number;
}

/** What the engine did: `changed` false when the container already was where it was asked to go. */
export interface LifecycleOutcome {
  readonly changed: boolean;
}

export interface RemoveOptions {
  /** Kill a running container first (SIGKILL); without it the engine refuses (CONFLICT). */
  readonly force: boolean;
  /** Remove the container's anonymous volumes too (named volumes and binds are never touched). */
  readonly removeVolumes: boolean;
}

/** A removal done: the container is gone; its anonymous volumes are either gone or still there. */
export interface RemoveOutcome {
  readonly name: string;
  readonly removedVolumes: readonly string[];
  readonly keptVolumes: readonly string[];
  /** Whether the kept volumes are kept because they were asked to go and another container holds them. */
  readonly volumesAsked: boolean;
  /** Set when what became of the volumes could not be checked after the removal (the engine went away). */
  readonly volumeCheckFailed?: string;
}

export type RemovalImpactReport = Out<'containers.removalImpact'>;

/**
 * Container lifecycle on one engine. Failures are AppErrors: NOT_FOUND for a container that is gone,
 * CONFLICT for one in the wrong state (kill of a stopped container, pause of a paused one, removal of a
 * running one without force).
 */
export interface LifecycleEngine {
  act(
    id: string,
    action: LifecycleAction,
    options: LifecycleOptions,
    signal?: AbortSignal,
  ): Promise<LifecycleOutcome>;
  /** Removes one container, and says what became of its anonymous volumes. */
  remove(id: string, options: RemoveOptions, signal?: AbortSignal): Promise<RemoveOutcome>;
  /** What removing these containers would lose and keep; containers that are gone come back as failures. */
  removalImpact(ids: readonly string[], signal?: AbortSignal): Promise<RemovalImpactReport>;
}
