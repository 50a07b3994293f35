import type { ContainerRow, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { unknownConnection, type EngineDirectory } from './engine-directory';

type Failure = Out<'containers.list'>['failures'][number];

// A connection still connecting after this long is reported as a failure (it publishes a full change
// once it connects), so one hung engine never holds up the rows of the others.
const CONNECTING_GRACE_MS = 3_000;

function newestFirst(a: ContainerRow, b: ContainerRow): number {
  return b.created - a.created || a.name.localeCompare(b.name);
}

/** Containers across engines, answered from each connection's live cache. */
export class ContainersService {
  constructor(private readonly engines: EngineDirectory) {}

  async list(input: ParsedIn<'containers.list'>, signal?: AbortSignal): Promise<Out<'containers.list'>> {
    await this.engines.loaded();
    const ids = input.connectionIds ? [...new Set(input.connectionIds)] : this.engines.all().map((s) => s.id);
    const settled = await Promise.allSettled(
      ids.map(async (id) => {
        const session = this.engines.get(id);
        if (!session) throw unknownConnection(id);
        await session.ready(signal, CONNECTING_GRACE_MS);
        const cache = session.liveCache();
        // Ids already marked dirty by an event are re-read first, so the answer is never behind an event we have seen.
        await cache.settled();
        return session
          .liveCache()
          .list({ ...(input.ids ? { ids: input.ids } : {}), runningOnly: !input.all });
      }),
    );
    const rows: ContainerRow[] = [];
    const failures: Failure[] = [];
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        rows.push(...result.value.sort(newestFirst));
        return;
      }
      const error =
        result.reason instanceof AppError ? result.reason : new AppError('INTERNAL', 'unexpected failure');
      failures.push({ connectionId: ids[index]!, code: error.code, message: error.message });
    });
    if (signal?.aborted)
      throw signal.reason instanceof AppError
        ? signal.reason
        : new AppError('CANCELLED', 'containers.list was cancelled.');
    return { rows, failures };
  }
}
