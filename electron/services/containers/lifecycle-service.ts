import type { ActionResult, LifecycleAction, Out, ParsedIn, RemoveResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from './engine-directory';
import type { RemoveOutcome } from './lifecycle-engine';

/** How many containers of one engine are acted on at once: a selection of 100 must not flood it. */
const CONCURRENCY = 4;

const DONE: Record<LifecycleAction, { changed: string; unchanged: string }> = {
  start: { changed: 'started', unchanged: 'already running' },
  stop: { changed: 'stopped', unchanged: 'already stopped' },
  restart: { changed: 'restarted', unchanged: 'restarted' },
  kill: { changed: 'killed', unchanged: 'killed' },
  pause: { changed: 'paused', unchanged: 'already paused' },
  unpause: { changed: 'unpaused', unchanged: 'not paused' },
};

type Done<T> = { message: string } & T;
type Result<T> = ActionResult & Partial<T>;

/**
 * Runs `work` on each distinct id, a few at a time, and answers one result per id in the order asked:
 * one that vanished or refuses does not stop the others, and says what happened to it.
 */
async function eachContainer<T extends object>(
  ids: readonly string[],
  work: (id: string) => Promise<Done<T>>,
): Promise<Array<Result<T>>> {
  const unique = [...new Set(ids)];
  const results: Array<Result<T>> = new Array(unique.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const index = next++;
      const id = unique[index]!;
      try {
        results[index] = { id, ok: true, ...(await work(id)) };
      } catch (error) {
        const failure = error instanceof AppError ? error : new AppError('INTERNAL', 'The action failed.');
        const failed: ActionResult = { id, ok: false, code: failure.code, message: failure.message };
        results[index] = failed as Result<T>;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
  return results;
}

/** Lifecycle actions and removal on a selection of one engine's containers, with a result each. */
export class LifecycleService {
  constructor(private readonly engines: EngineDirectory) {}

  async act(input: ParsedIn<'containers.act'>, signal?: AbortSignal): Promise<Out<'containers.act'>> {
    const engine = (await requireConnection(this.engines, input.connectionId)).liveEngine();
    const options = {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
    };
    const results = await eachContainer(input.ids, async (id) => {
      const outcome = await engine.lifecycle.act(id, input.action, options, signal);
      return { message: done(input, outcome.changed) };
    });
    return { results };
  }

  async remove(
    input: ParsedIn<'containers.remove'>,
    signal?: AbortSignal,
  ): Promise<Out<'containers.remove'>> {
    const engine = (await requireConnection(this.engines, input.connectionId)).liveEngine();
    const options = { force: input.force, removeVolumes: input.removeVolumes };
    const results = await eachContainer<Omit<RemoveResult, 'id' | 'ok' | 'message' | 'code'>>(
      input.ids,
      async (id) => {
        const outcome = await engine.lifecycle.remove(id, options, signal);
        return {
          message: removed(outcome),
          ...(outcome.removedVolumes.length > 0 ? { removedVolumes: [...outcome.removedVolumes] } : {}),
          ...(outcome.keptVolumes.length > 0 ? { keptVolumes: [...outcome.keptVolumes] } : {}),
        };
      },
    );
    return { results };
  }

  async removalImpact(
    input: ParsedIn<'containers.removalImpact'>,
    signal?: AbortSignal,
  ): Promise<Out<'containers.removalImpact'>> {
    const engine = (await requireConnection(this.engines, input.connectionId)).liveEngine();
    return engine.lifecycle.removalImpact([...new Set(input.ids)], signal);
  }
}

function done(input: ParsedIn<'containers.act'>, changed: boolean): string {
  if (input.action === 'kill' && input.signal && !/^(SIG)?KILL$|^9$/.test(input.signal)) {
    const signal = input.signal;
    return /^[0-9]+$/.test(signal) ? `sent signal ${signal}` : `sent ${signal.replace(/^(?!SIG)/, 'SIG')}`;
  }
  const words = DONE[input.action];
  return changed ? words.changed : words.unchanged;
}

const short = (name: string): string => name.slice(0, 12);

function volumes(names: readonly string[]): string {
  const list = names.map(short).join(', ');
  return names.length === 1 ? `anonymous volume ${list}` : `${names.length} anonymous volumes (${list})`;
}

/** "removed", and what became of the anonymous volumes: nothing about them may go unsaid. */
export function removed(outcome: RemoveOutcome): string {
  if (outcome.volumeCheckFailed)
    return `removed; whether its anonymous volumes went too could not be checked: ${outcome.volumeCheckFailed}`;
  const parts = ['removed'];
  if (outcome.removedVolumes.length > 0) parts[0] = `removed with its ${volumes(outcome.removedVolumes)}`;
  if (outcome.keptVolumes.length > 0) {
    const them = outcome.keptVolumes.length === 1 ? 'it' : 'them';
    const why = outcome.volumesAsked
      ? `kept: another container still uses ${them}`
      : 'kept (removing volumes was not asked for)';
    parts.push(`${volumes(outcome.keptVolumes)} ${why}`);
  }
  return parts.join('; ');
}
