import type { ActionResult, LifecycleAction, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from './engine-directory';

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

/**
 * Lifecycle actions on a selection of one engine's containers. Each container gets its own result:
 * one that vanished or refuses does not stop the others, and says what happened to it.
 */
export class LifecycleService {
  constructor(private readonly engines: EngineDirectory) {}

  async act(input: ParsedIn<'containers.act'>, signal?: AbortSignal): Promise<Out<'containers.act'>> {
    const engine = (await requireConnection(this.engines, input.connectionId)).liveEngine();
    const options = {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
    };
    const ids = [...new Set(input.ids)];
    const results: ActionResult[] = new Array(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        const id = ids[index]!;
        try {
          const outcome = await engine.lifecycle.act(id, input.action, options, signal);
          results[index] = { id, ok: true, message: done(input, outcome.changed) };
        } catch (error) {
          const failure = error instanceof AppError ? error : new AppError('INTERNAL', 'The action failed.');
          results[index] = { id, ok: false, code: failure.code, message: failure.message };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
    return { results };
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
