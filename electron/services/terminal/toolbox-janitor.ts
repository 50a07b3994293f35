import type { ContainerEngine } from '../containers/container-engine';
import type { EngineDirectory } from '../containers/engine-directory';
import { cleanupOrphans, localOwnerLiveness } from './toolbox-sidecar';

/**
 * Removes toolbox sidecars whose Bosun is gone, once per engine connection, as soon as it connects.
 * The stdin leash already removes a sidecar when its Bosun dies; this catches what the leash cannot
 * (an engine that was down at the time, a sidecar created but never started).
 */
export class ToolboxJanitor {
  private readonly swept = new WeakSet<ContainerEngine>();

  constructor(
    private readonly engines: EngineDirectory,
    private readonly log: (message: string) => void,
  ) {}

  sweep(connectionIds: readonly string[]): void {
    for (const id of connectionIds) {
      let engine: ContainerEngine | undefined;
      try {
        engine = this.engines.get(id)?.liveEngine();
      } catch {
        continue; // not connected (yet): swept when it is
      }
      if (!engine || this.swept.has(engine)) continue;
      this.swept.add(engine);
      cleanupOrphans(engine.toolbox, {
        isOwnerAlive: localOwnerLiveness(),
        onError: (container, error) =>
          this.log(
            `could not remove the orphaned toolbox ${container.slice(0, 12)} on ${id}: ${String(error)}`,
          ),
      }).then(
        (removed) => {
          if (removed > 0) this.log(`removed ${removed} orphaned toolbox sidecar(s) on ${id}`);
        },
        (error: unknown) => this.log(`could not look for orphaned toolboxes on ${id}: ${String(error)}`),
      );
    }
  }
}
