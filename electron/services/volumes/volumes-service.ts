import type { ActionResult, Out, ParsedIn, PruneItem } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { failure } from '../containers/engine-errors';
import { acrossEngines } from '../resources/across-engines';
import { apiAtLeast } from '../resources/api-version';
import { matchesLabel } from '../resources/label-filter';
import { settlePlan, sumSizes } from '../resources/prune-outcome';
import { failedItem, goneError, nameContainers } from '../resources/resource-errors';
import { volumePruneNotes } from './volume-prune-notes';
import { isAnonymous, toVolumePruneItem, toVolumeRows, usersByVolume } from './volume-rows';

/** Volumes across engines: lists with the containers mounting each, sizes on demand, removal, prune. */
export class VolumesService {
  constructor(private readonly engines: EngineDirectory) {}

  async list(input: ParsedIn<'volumes.list'>, signal?: AbortSignal): Promise<Out<'volumes.list'>> {
    const { values, failures } = await acrossEngines(
      this.engines,
      input.connectionIds,
      'volumes.list',
      signal,
      async (session) => {
        const engine = session.liveEngine();
        const [volumes, mounts] = await Promise.all([
          engine.volumes.list(signal),
          engine.volumes.mounts(signal),
        ]);
        return toVolumeRows(session.id, volumes, mounts).sort((a, b) => a.name.localeCompare(b.name));
      },
    );
    return { rows: values.flatMap((v) => v.value), failures };
  }

  async usage(input: ParsedIn<'volumes.usage'>, signal?: AbortSignal): Promise<Out<'volumes.usage'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    return { volumes: await session.liveEngine().volumes.usage(signal) };
  }

  async remove(input: ParsedIn<'volumes.remove'>, signal?: AbortSignal): Promise<Out<'volumes.remove'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const results: ActionResult[] = [];
    for (const name of [...new Set(input.names)]) {
      try {
        await engine.volumes.remove(name, signal);
        results.push({ id: name, ok: true, message: 'removed' });
      } catch (error) {
        if (signal?.aborted) throw error;
        results.push(
          failedItem(
            name,
            await this.explain(engine, name, error, session.endpoint, signal),
            'Removing the volume failed.',
          ),
        );
      }
    }
    return { results };
  }

  async prune(input: ParsedIn<'volumes.prune'>, signal?: AbortSignal): Promise<Out<'volumes.prune'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const [volumes, mounts, info] = await Promise.all([
      engine.volumes.list(signal),
      engine.volumes.mounts(signal),
      engine.version(signal),
    ]);
    // API 1.42+ prunes only volumes labelled anonymous unless all=true; older engines prune every unused one.
    const keepsNamed = apiAtLeast(info.apiVersion, '1.42');
    const users = usersByVolume(mounts);
    const candidates = volumes.filter(
      (volume) =>
        !users.has(volume.name) &&
        matchesLabel(volume.labels, input.label) &&
        (input.all || isAnonymous(volume, keepsNamed)),
    );
    const sizes = await this.sizes(engine, candidates.length > 0, signal);
    const planned = candidates.map((volume) => toVolumePruneItem(volume, sizes.known));
    const oneByOne = !keepsNamed && !input.all;
    const notes = volumePruneNotes({
      ...input,
      apiVersion: info.apiVersion,
      keepsNamed,
      oneByOne,
      sizesFailed: sizes.failed,
    });
    const base = { connectionId: input.connectionId, estimatedBytes: sumSizes(planned), notes };
    if (input.dryRun) return { ...base, dryRun: true, items: planned, spaceReclaimed: null };
    if (oneByOne) {
      return {
        ...base,
        dryRun: false,
        items: await this.removeEach(engine, planned, signal),
        spaceReclaimed: null,
      };
    }
    const outcome = await engine.volumes.prune(
      { all: keepsNamed && input.all, ...(input.label ? { label: input.label } : {}) },
      signal,
    );
    const deleted = new Set(outcome.deleted);
    const plannedNames = new Set(planned.map((item) => item.id));
    const beyond = outcome.deleted
      .filter((name) => !plannedNames.has(name))
      .map((name) => ({ id: name, name, size: sizes.known.get(name) ?? null }));
    return {
      ...base,
      dryRun: false,
      items: settlePlan(planned, (item) => deleted.has(item.id), beyond),
      spaceReclaimed: outcome.spaceReclaimed,
    };
  }

  /** Sizes are slow to compute; a prune asks for them once, and goes on without them if they fail. */
  private async sizes(
    engine: ContainerEngine,
    wanted: boolean,
    signal?: AbortSignal,
  ): Promise<{ known: Map<string, number | null>; failed: boolean }> {
    if (!wanted) return { known: new Map(), failed: false };
    try {
      const usage = await engine.volumes.usage(signal);
      return { known: new Map(usage.map((u) => [u.name, u.size])), failed: false };
    } catch (error) {
      if (signal?.aborted) throw error;
      return { known: new Map(), failed: true };
    }
  }

  private async removeEach(engine: ContainerEngine, planned: readonly PruneItem[], signal?: AbortSignal) {
    const items: PruneItem[] = [];
    for (const item of planned) {
      try {
        await engine.volumes.remove(item.id, signal);
        items.push({ ...item, outcome: { ok: true, message: 'removed' } });
      } catch (error) {
        if (signal?.aborted) throw error;
        const message = error instanceof AppError ? error.message : 'Removing the volume failed.';
        items.push({ ...item, outcome: { ok: false, message } });
      }
    }
    return items;
  }

  private async explain(
    engine: ContainerEngine,
    name: string,
    error: unknown,
    endpoint: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (!(error instanceof AppError)) return error;
    if (error.code === 'NOT_FOUND') return goneError('volume', name, endpoint);
    if (error.code !== 'CONFLICT') return error;
    const mounts = await engine.volumes.mounts(signal).catch(() => []);
    const users = usersByVolume(mounts).get(name) ?? [];
    if (users.length === 0) return error;
    return failure(
      'CONFLICT',
      `The volume ${name} is used by ${nameContainers(users)}.`,
      'Remove those containers first (stopped ones too): a volume goes only when no container mounts it.',
      { reason: 'in-use', containers: users.map((c) => c.id) },
    );
  }
}
