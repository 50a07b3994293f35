import type { GuidanceProgress, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { analyze } from './analyze';
import { DockerWorkload } from './docker-workload';
import type { Knowledge } from './knowledge-port';
import { reloadRun } from './reload-run';
import { restartRun } from './restart-run';
import type { ProbeOptions } from './tcp-probe';

/** Who may subscribe to a run's progress (the event bus's guard shape). */
export interface ProgressGuard {
  admit(params: { runId: string }, clientId: string): AppError | undefined;
}

export interface GuidanceServiceOptions {
  readonly engines: EngineDirectory;
  readonly knowledge: Knowledge;
  readonly publish: (progress: GuidanceProgress) => void;
  readonly probe?: ProbeOptions;
  /** Labels for toolbox sidecars started to count connections (tests mark theirs). */
  readonly sidecarLabels?: Readonly<Record<string, string>>;
}

/** Reload-or-restart guidance, and the safe reload and measured restart behind it. */
export class GuidanceService {
  /** One reload or restart per container at a time: two at once would each misread the other's effects. */
  private readonly busy = new Set<string>();
  /** Who started a run: only that client may follow its progress. */
  private readonly owners = new Map<string, string>();

  constructor(private readonly options: GuidanceServiceOptions) {}

  readonly progressGuard: ProgressGuard = {
    admit: ({ runId }, clientId) => {
      const owner = this.owners.get(runId);
      if (owner !== undefined && owner !== clientId)
        return new AppError('NOT_FOUND', 'There is no such run.');
      if (owner === undefined) this.owners.set(runId, clientId);
      return undefined;
    },
  };

  async analyze(input: ParsedIn<'guidance.analyze'>, signal?: AbortSignal): Promise<Out<'guidance.analyze'>> {
    const workload = await this.workload(input.connectionId, input.containerId);
    return (await analyze(workload, this.options.knowledge, { impact: true, ...(signal ? { signal } : {}) }))
      .result;
  }

  reload(
    input: ParsedIn<'guidance.reload'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'guidance.reload'>> {
    return this.exclusive(input, clientId, async (progress) => {
      const workload = await this.workload(input.connectionId, input.containerId);
      return reloadRun(
        { workload, knowledge: this.options.knowledge, progress, ...this.extras(signal) },
        input.dryRun,
      );
    });
  }

  restart(
    input: ParsedIn<'guidance.restart'>,
    clientId: string,
    signal?: AbortSignal,
  ): Promise<Out<'guidance.restart'>> {
    return this.exclusive(input, clientId, async (progress) => {
      const workload = await this.workload(input.connectionId, input.containerId);
      return restartRun({ workload, progress, ...this.extras(signal) });
    });
  }

  closeClient(clientId: string): void {
    for (const [runId, owner] of this.owners) if (owner === clientId) this.owners.delete(runId);
  }

  private extras(signal?: AbortSignal): { signal?: AbortSignal; probe?: ProbeOptions } {
    return { ...(signal ? { signal } : {}), ...(this.options.probe ? { probe: this.options.probe } : {}) };
  }

  private async workload(connectionId: string, containerId: string): Promise<DockerWorkload> {
    const view = await requireConnection(this.options.engines, connectionId);
    return new DockerWorkload(view.liveEngine(), containerId, view.endpoint, this.options.sidecarLabels);
  }

  private async exclusive<T>(
    input: { connectionId: string; containerId: string; runId?: string | undefined },
    clientId: string,
    work: (progress: (step: GuidanceProgress['step'], message: string) => void) => Promise<T>,
  ): Promise<T> {
    const key = `${input.connectionId}/${input.containerId}`;
    if (this.busy.has(key)) {
      throw new AppError(
        'CONFLICT',
        'A reload or restart of this container is already running. Wait for it to finish.',
      );
    }
    const runId = input.runId;
    if (runId !== undefined) {
      const owner = this.owners.get(runId);
      if (owner !== undefined && owner !== clientId)
        throw new AppError('CONFLICT', 'That run id is in use; pick a new one.');
      this.owners.set(runId, clientId);
    }
    this.busy.add(key);
    try {
      return await work((step, message) => {
        if (runId !== undefined) this.options.publish({ runId, step, message });
      });
    } finally {
      this.busy.delete(key);
      if (runId !== undefined) this.owners.delete(runId);
    }
  }
}
