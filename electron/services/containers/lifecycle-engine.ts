import type { LifecycleAction } from '../../shared/contract';

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

/**
 * Container lifecycle on one engine. Failures are AppErrors: NOT_FOUND for a container that is gone,
 * CONFLICT for one in the wrong state (kill of a stopped container, pause of a paused one).
 */
export interface LifecycleEngine {
  act(
    id: string,
    action: LifecycleAction,
    options: LifecycleOptions,
    signal?: AbortSignal,
  ): Promise<LifecycleOutcome>;
}
