import type { Contract, ContainerRow } from '../shared/contract';
import type { Client } from '../shared/rpc/client';
import { CliFailure, warnFailures } from './output';

/**
 * Containers as people name them on the command line: a name, a full id or an id prefix, on any
 * connected engine (or on `host` only), resolved against one list. Ambiguity is an error that lists
 * the candidates, never a guess.
 */
export async function resolveContainers(
  client: Pick<Client<Contract>, 'call'>,
  references: readonly string[],
  host?: string,
): Promise<ContainerRow[]> {
  const { rows, failures } = await client.call('containers.list', {
    all: true,
    ...(host ? { connectionIds: [host] } : {}),
  });
  return references.map((reference) => pick(rows, failures, reference, host));
}

function pick(
  rows: readonly ContainerRow[],
  failures: Parameters<typeof warnFailures>[0],
  reference: string,
  host: string | undefined,
): ContainerRow {
  const wanted = reference.replace(/^\//, '');
  const byName = rows.filter((row) => row.name === wanted);
  const byId = /^[a-f0-9]{1,64}$/.test(wanted) ? rows.filter((row) => row.id.startsWith(wanted)) : [];
  const matches = byName.length > 0 ? byName : byId;
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    warnFailures(failures);
    const where = host ? ` on ${host}` : '';
    throw new CliFailure(
      `No container called "${reference}"${where}. \`bosun ps -a\` lists the containers there are.`,
      1,
    );
  }
  const list = matches.map((row) => `${row.connectionId}/${row.id.slice(0, 12)} (${row.name})`).join(', ');
  throw new CliFailure(
    `"${reference}" matches ${matches.length} containers: ${list}. Give a longer id, or --host to pick the engine.`,
    1,
  );
}
