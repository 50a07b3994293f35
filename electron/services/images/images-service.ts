import type { ImageRemoveResult, ImageRow, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  requireConnection,
  type EngineDirectory,
  type EngineSessionView,
} from '../containers/engine-directory';
import { acrossEngines } from '../resources/across-engines';
import { matchesLabel } from '../resources/label-filter';
import { goneError } from '../resources/resource-errors';
import { settlePlan, sumSizes } from '../resources/prune-outcome';
import { explainRemoveFailure } from './image-conflicts';
import { newestImageFirst, shortImageId, toImageRows, toPruneItem } from './image-rows';
import { pruneNotes } from './image-prune-notes';

/** Images across engines: lists with the containers using each, layers, removal and prune. */
export class ImagesService {
  constructor(private readonly engines: EngineDirectory) {}

  async list(input: ParsedIn<'images.list'>, signal?: AbortSignal): Promise<Out<'images.list'>> {
    const { values, failures } = await acrossEngines(
      this.engines,
      input.connectionIds,
      'images.list',
      signal,
      (session) => this.rows(session, signal),
    );
    return { rows: values.flatMap((v) => v.value.sort(newestImageFirst)), failures };
  }

  async history(input: ParsedIn<'images.history'>, signal?: AbortSignal): Promise<Out<'images.history'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    try {
      return { layers: await session.liveEngine().images.history(input.image, signal) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        throw goneError('image', input.image, session.endpoint);
      throw error;
    }
  }

  /** One ref after the other: removing a name can change what removing the next one does. */
  async remove(input: ParsedIn<'images.remove'>, signal?: AbortSignal): Promise<Out<'images.remove'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const results: ImageRemoveResult[] = [];
    for (const ref of [...new Set(input.refs)]) {
      try {
        const removal = await engine.images.remove(ref, { force: input.force }, signal);
        results.push({ id: ref, ok: true, message: describeRemoval(removal), ...copy(removal) });
      } catch (error) {
        if (signal?.aborted) throw error;
        const appError =
          error instanceof AppError ? error : new AppError('INTERNAL', 'Removing the image failed.');
        const images =
          appError.code === 'CONFLICT' ? await this.rows(session, signal).catch(() => undefined) : undefined;
        const explained = explainRemoveFailure(ref, appError, images, session.endpoint);
        results.push({
          id: ref,
          ok: false,
          code: explained.code,
          message: explained.message,
          untagged: [],
          deleted: [],
        });
      }
    }
    return { results };
  }

  async prune(input: ParsedIn<'images.prune'>, signal?: AbortSignal): Promise<Out<'images.prune'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const rows = await this.rows(session, signal);
    const planned = rows
      .filter((row) => row.containers.length === 0 && (input.all || row.dangling))
      .filter((row) => matchesLabel(row.labels, input.label))
      .map(toPruneItem);
    const notes = pruneNotes(input);
    const base = { connectionId: input.connectionId, estimatedBytes: sumSizes(planned), notes };
    if (input.dryRun) return { ...base, dryRun: true, items: planned, spaceReclaimed: null };
    // The engine's own clock bounds the prune: an image built after this list stays, even under clock skew.
    const newest = Math.max(0, ...rows.map((row) => row.created));
    const outcome = await session.liveEngine().images.prune(
      {
        danglingOnly: !input.all,
        ...(input.label ? { label: input.label } : {}),
        ...(newest > 0 ? { until: newest + 1000 } : {}),
      },
      signal,
    );
    const deleted = new Set(outcome.deleted);
    const plannedIds = new Set(planned.map((item) => item.id));
    const beyond = rows.filter((row) => deleted.has(row.id) && !plannedIds.has(row.id)).map(toPruneItem);
    return {
      ...base,
      dryRun: false,
      items: settlePlan(planned, (item) => deleted.has(item.id), beyond),
      spaceReclaimed: outcome.spaceReclaimed,
    };
  }

  private async rows(session: EngineSessionView, signal?: AbortSignal): Promise<ImageRow[]> {
    const engine = session.liveEngine();
    const cache = session.liveCache();
    // The container cache is live; settled() makes it catch up with events already seen.
    const [images] = await Promise.all([engine.images.list(signal), cache.settled()]);
    return toImageRows(session.id, images, cache.list());
  }
}

function copy(removal: { untagged: readonly string[]; deleted: readonly string[] }) {
  return { untagged: [...removal.untagged], deleted: [...removal.deleted] };
}

function describeRemoval(removal: { untagged: readonly string[]; deleted: readonly string[] }): string {
  const untagged = removal.untagged.length > 0 ? `untagged ${removal.untagged.join(', ')}` : '';
  if (removal.deleted.length === 0)
    return `${untagged || 'nothing to do'}; the image stays: another name still points at it`;
  const image = shortImageId(removal.deleted[0]!);
  const layers = removal.deleted.length - 1;
  const parts = [
    untagged,
    `deleted ${image}${layers > 0 ? ` and ${layers} layer${layers === 1 ? '' : 's'}` : ''}`,
  ];
  return parts.filter(Boolean).join('; ');
}
