import type { ContainerEngine } from '../containers/container-engine';
import type { EngineSessionView } from '../containers/engine-directory';
import { cleanupOrphans, localOwnerLiveness } from './toolbox-sidecar';

/**
 * Removes toolbox sidecars whose Bosun is gone, once per engine connection, as soon as it connects.
 * The stdin leash already removes a sidecar when its Bosun dies; this catches what the leash cannot
 * (an engine that was down at the time, a sidecar created but never started).
 */
const SWEEP_DELAY_MS = 2_000;

export class ToolboxJanitor {
  private readonly swept = new WeakSet<ContainerEngine>();
  private readonly stop = new AbortController();

  constructor(
    private readonly log: (message: string) => void,
    private readonly delayMs = SWEEP_DELAY_MS,
  ) {}

  /** Called with the connections that changed: the ones now connected for the first time are swept. */
  sweep(connections: readonly (EngineSessionView | undefined)[]): void {
    for (const connection of connections) {
      if (!connection) continue;
      const id = connection.id;
      let engine: ContainerEngine;
      try {
        engine = connection.liveEngine();
      } catch {
        continue; // not connected (yet): swept when it is
      }
      if (this.swept.has(engine)) continue;
      this.swept.add(engine);
      // Not urgent, and a connecting engine has a first list to answer: the sweep waits a moment.
      const timer = setTimeout(() => this.clean(id, engine), this.delayMs);
      timer.unref?.();
      this.stop.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }
  }

  dispose(): void {
    this.stop.abort();
  }

  private clean(id: string, engine: ContainerEngine): void {
    const { signal } = this.stop;
    cleanupOrphans(engine.toolbox, {
      isOwnerAlive: localOwnerLiveness(),
      signal,
      onError: (container, error) =>
        this.log(
          `could not remove the orphaned toolbox ${container.slice(0, 12)} on ${id}: ${messageOf(error)}`,
        ),
    }).then(
      (removed) => {
        if (removed > 0) this.log(`removed ${removed} orphaned toolbox sidecar(s) on ${id}`);
      },
      (error: unknown) => {
        // A core shutting down closes its engines under a sweep: nothing went wrong then.
        if (!signal.aborted) this.log(`could not look for orphaned toolboxes on ${id}: ${messageOf(error)}`);
      },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
