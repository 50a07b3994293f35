import type { Contract, ContainerRow } from '../shared/contract';
import type { Client } from '../shared/rpc/client';
import { CliFailure, warnFailures } from './output';

/**
 * A container as people name it on the command line: its name, its full id or an id prefix, on any
 * connected engine (or on `host` only). Ambiguity is an error that lists the candidates, never a guess.
 */
export async function resolveContainer(
  client: Client<Contract>,
  reference: string,
  host?: string,
): Promise<ContainerRow> {
  const { rows, failures } = await client.call('containers.list', {
    all: true,
    ...(host ? { connectionIds: [host] } : {}),
  });
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
