import type { LifecycleAction } from '../../shared/contract';
import { perContainer } from '../per-container';

export interface LifecycleOptions {
  readonly signal?: string;
  readonly time?: number;
  readonly host?: string;
  readonly json?: boolean;
}

/**
 * `bosun start|stop|restart|kill|pause|unpause CONTAINER…`: the same action and the same messages as
 * the app, one line per container; exits 1 when any container failed, after acting on all the others.
 */
export function lifecycleCommand(
  action: LifecycleAction,
  references: readonly string[],
  options: LifecycleOptions,
): Promise<void> {
  return perContainer(references, options, async (client, connectionId, ids) => {
    const { results } = await client.call('containers.act', {
      connectionId,
      ids,
      action,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.time !== undefined ? { timeoutSeconds: options.time } : {}),
    });
    return results;
  });
}
