import type { Out } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  unknownConnection,
  type EngineDirectory,
  type EngineSessionView,
} from '../containers/engine-directory';

export type ConnectionFailure = Out<'containers.list'>['failures'][number];

// A connection still connecting after this long is reported as a failure, so one hung engine never
// holds up the rows of the others (as containers.list does).
const CONNECTING_GRACE_MS = 3_000;

/**
 * Runs `read` on every connected engine (or the given ones) at once; a connection that fails is
 * returned beside the values with its reason, never dropped into a silent empty list.
 */
export async function acrossEngines<T>(
  directory: EngineDirectory,
  connectionIds: readonly string[] | undefined,
  what: string,
  signal: AbortSignal | undefined,
  read: (session: EngineSessionView) => Promise<T>,
): Promise<{ values: { connectionId: string; value: T }[]; failures: ConnectionFailure[] }> {
  await directory.loaded();
  const ids = connectionIds ? [...new Set(connectionIds)] : directory.all().map((s) => s.id);
  const settled = await Promise.allSettled(
    ids.map(async (id) => {
      const session = directory.get(id);
      if (!session) throw unknownConnection(id);
      await session.ready(signal, CONNECTING_GRACE_MS);
      return read(session);
    }),
  );
  if (signal?.aborted)
    throw signal.reason instanceof AppError
      ? signal.reason
      : new AppError('CANCELLED', `${what} was cancelled.`);
  const values: { connectionId: string; value: T }[] = [];
  const failures: ConnectionFailure[] = [];
  settled.forEach((result, index) => {
    const connectionId = ids[index]!;
    if (result.status === 'fulfilled') {
      values.push({ connectionId, value: result.value });
      return;
    }
    const error =
      result.reason instanceof AppError ? result.reason : new AppError('INTERNAL', 'unexpected failure');
    failures.push({ connectionId, code: error.code, message: error.message });
  });
  return { values, failures };
}
