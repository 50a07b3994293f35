import { AppError } from '../../shared/errors';
import type { ContainerSummary } from '../containers/container-engine';
import type {
  LifecycleEngine,
  LifecycleOutcome,
  RemovalImpactReport,
  RemoveOptions,
  RemoveOutcome,
} from '../containers/lifecycle-engine';

/**
 * Lifecycle on the fake engine's containers: records every call as `action id` in `acted`, answers
 * NOT_FOUND for an id in `gone` (or, for remove, one not in `containers`), CONFLICT for a running
 * container removed without force, and `failWith` for everything when set (an engine that went away).
 */
export class FakeLifecycle implements LifecycleEngine {
  /** Anonymous volumes by container id, for removal and its preview. */
  readonly volumes = new Map<string, string[]>();
  failWith: AppError | undefined;

  constructor(
    private readonly containers: Map<string, ContainerSummary>,
    readonly acted: string[],
    readonly gone: Set<string>,
  ) {}

  async act(id: string, action: string): Promise<LifecycleOutcome> {
    this.acted.push(`${action} ${id}`);
    this.check(id);
    return { changed: true };
  }

  async remove(id: string, options: RemoveOptions): Promise<RemoveOutcome> {
    this.acted.push(`remove ${id}`);
    this.check(id);
    const row = this.containers.get(id);
    if (!row) throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone.`);
    if (row.state === 'running' && !options.force)
      throw new AppError('CONFLICT', `${row.name} is running, so it was not removed.`);
    this.containers.delete(id);
    const volumes = this.volumes.get(id) ?? [];
    return {
      name: row.name,
      removedVolumes: options.removeVolumes ? volumes : [],
      keptVolumes: options.removeVolumes ? [] : volumes,
      volumesAsked: options.removeVolumes,
    };
  }

  async removalImpact(ids: readonly string[]): Promise<RemovalImpactReport> {
    if (this.failWith) throw this.failWith;
    const report: RemovalImpactReport = { containers: [], failures: [] };
    for (const id of ids) {
      const row = this.containers.get(id);
      if (!row || this.gone.has(id)) {
        report.failures.push({ id, code: 'NOT_FOUND', message: `Container ${id.slice(0, 12)} is gone.` });
        continue;
      }
      report.containers.push({
        id,
        name: row.name,
        state: row.state,
        running: row.state === 'running',
        writableBytes: 4096,
        anonymousVolumes: (this.volumes.get(id) ?? []).map((name) => ({
          name,
          destination: '/data',
          sharedWith: [],
        })),
        kept: [],
      });
    }
    return report;
  }

  private check(id: string): void {
    if (this.failWith) throw this.failWith;
    if (this.gone.has(id)) throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone.`);
  }
}
