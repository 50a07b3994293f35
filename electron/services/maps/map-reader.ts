import { AppError } from '../../shared/errors';
import type { ContainerEngine } from '../containers/container-engine';
import { mapBounded } from '../../shared/map-bounded';
import type { MapInspect } from './docker-inspect';

// Enough to keep a local engine busy without queueing hundreds of requests on a remote one.
export const READS_AT_ONCE = 8;

const isGone = (error: unknown): boolean =>
  error instanceof AppError && error.code === 'NOT_FOUND' && error.details?.['reason'] === 'container-gone';

/**
 * Every container's inspect document. A container removed between the list and its inspect is left out
 * (and counted in a note); any other failure fails the read, since a map with holes would mislead.
 */
export async function readInspects(
  engine: ContainerEngine,
  signal?: AbortSignal,
): Promise<{ inspects: MapInspect[]; notes: string[] }> {
  const rows = await engine.listContainers({}, signal);
  let gone = 0;
  const read = await mapBounded(rows, READS_AT_ONCE, async (row) => {
    try {
      return (await engine.inspect.container(row.id, signal)) as MapInspect;
    } catch (error) {
      if (!isGone(error)) throw error;
      gone++;
      return undefined;
    }
  });
  const inspects = read.filter((inspect): inspect is MapInspect => inspect !== undefined);
  const notes =
    gone > 0
      ? [
          `${gone} container${gone === 1 ? ' was' : 's were'} removed while the map was read and ${gone === 1 ? 'is' : 'are'} not on it.`,
        ]
      : [];
  return { inspects, notes };
}

/** A value, or undefined and a note saying what is missing and why. */
export async function orNote<T>(
  read: Promise<T>,
  what: string,
  notes: string[],
  signal?: AbortSignal,
): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (signal?.aborted) throw error;
    const said = error instanceof AppError ? error.message : String(error);
    notes.push(`${what} are unknown: ${said}`);
    return undefined;
  }
}
