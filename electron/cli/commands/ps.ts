import type { Out } from '../../shared/contract';
import { formatContainers } from '../format';
import { openLocalCore } from '../local-core';
import { CliFailure, printJson, warnFailures } from '../output';

export interface PsOptions {
  readonly all?: boolean;
  readonly host?: string[];
  readonly json?: boolean;
}

/** `bosun ps`: the containers of every connected engine, like `docker ps` across hosts. */
export async function psCommand(options: PsOptions): Promise<void> {
  const core = await openLocalCore();
  let result: Out<'containers.list'>;
  let considered: string[];
  try {
    const known = (await core.client.call('connections.list', {})).map((c) => c.id);
    const requested = options.host && options.host.length > 0 ? options.host : undefined;
    const unknown = (requested ?? []).filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      throw new CliFailure(
        `Unknown host ${unknown.map((id) => `"${id}"`).join(', ')}. Run \`bosun hosts\` to see the host ids.`,
        1,
      );
    }
    considered = requested ?? known;
    result = await core.client.call('containers.list', {
      all: options.all === true,
      ...(requested ? { connectionIds: requested } : {}),
    });
  } finally {
    await core.close();
  }
  const rows = [...result.rows].sort((a, b) => b.created - a.created);
  if (options.json) printJson(rows);
  else console.log(formatContainers(rows));
  warnFailures(result.failures);
  // Scripts must not mistake "no engine answered" for "no containers".
  const failed = new Set(result.failures.map((f) => f.connectionId));
  if (considered.length === 0) {
    throw new CliFailure(
      'No Docker engine found. Start Docker, set DOCKER_HOST, or add one with the app.',
      1,
    );
  }
  if (considered.every((id) => failed.has(id))) {
    throw new CliFailure('No engine could be reached, so there is nothing to list (reasons above).', 1);
  }
}
