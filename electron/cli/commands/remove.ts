import { perContainer } from '../per-container';

export interface RemoveOptions {
  readonly force?: boolean;
  readonly volumes?: boolean;
  readonly host?: string;
  readonly json?: boolean;
}

/**
 * `bosun rm [-f] [-v] CONTAINER…`, like `docker rm`: one line per container saying what became of it
 * and of its anonymous volumes. A running container without -f is refused with the core's reason.
 */
export function removeCommand(references: readonly string[], options: RemoveOptions): Promise<void> {
  return perContainer(references, options, async (client, connectionId, ids) => {
    const { results } = await client.call('containers.remove', {
      connectionId,
      ids,
      force: options.force === true,
      removeVolumes: options.volumes === true,
    });
    return results;
  });
}
