import type { ActionResult, Contract, ContainerRow } from '../shared/contract';
import type { Client } from '../shared/rpc/client';
import { openLocalCore } from './local-core';
import { CliFailure, printError, printJson } from './output';
import { printable } from './printable';
import { resolveContainers } from './resolve-container';

/** One engine's share of the containers named on the command line. */
export type EngineCall<R extends ActionResult> = (
  client: Client<Contract>,
  connectionId: string,
  ids: string[],
) => Promise<readonly R[]>;

/**
 * Resolves the containers people named, calls `call` once per engine, and prints one line per container
 * with the core's own message (or JSON); exits 1 when any failed, after acting on all the others.
 */
export async function perContainer<R extends ActionResult>(
  references: readonly string[],
  options: { readonly host?: string; readonly json?: boolean },
  call: EngineCall<R>,
): Promise<void> {
  const core = await openLocalCore();
  const lines: { row: ContainerRow; result: R }[] = [];
  try {
    const rows = await resolveContainers(core.client, references, options.host);
    const byConnection = new Map<string, ContainerRow[]>();
    for (const row of rows)
      byConnection.set(row.connectionId, [...(byConnection.get(row.connectionId) ?? []), row]);
    for (const [connectionId, group] of byConnection) {
      const results = await call(
        core.client,
        connectionId,
        group.map((row) => row.id),
      );
      for (const result of results) lines.push({ row: group.find((r) => r.id === result.id)!, result });
    }
  } finally {
    await core.close();
  }
  if (options.json) {
    printJson(
      lines.map(({ row, result: { id, ...rest } }) => ({
        connectionId: row.connectionId,
        id,
        name: row.name,
        ...rest,
      })),
    );
  } else {
    for (const { row, result } of lines) {
      if (result.ok) console.log(printable(`${row.name}: ${result.message}`));
      else printError(`${row.name}: ${result.message}`);
    }
  }
  const failed = lines.filter((line) => !line.result.ok).length;
  if (failed > 0) throw new CliFailure(`${failed} of ${lines.length} failed (above).`, 1);
}
