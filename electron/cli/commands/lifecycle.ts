import type { ContainerRow, LifecycleAction } from '../../shared/contract';
import { openLocalCore } from '../local-core';
import { CliFailure, printError, printJson } from '../output';
import { printable } from '../printable';
import { resolveContainers } from '../resolve-container';

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
export async function lifecycleCommand(
  action: LifecycleAction,
  references: readonly string[],
  options: LifecycleOptions,
): Promise<void> {
  const core = await openLocalCore();
  const lines: { row: ContainerRow; ok: boolean; message: string; code?: string }[] = [];
  try {
    const rows = await resolveContainers(core.client, references, options.host);
    const byConnection = new Map<string, ContainerRow[]>();
    for (const row of rows)
      byConnection.set(row.connectionId, [...(byConnection.get(row.connectionId) ?? []), row]);
    for (const [connectionId, group] of byConnection) {
      const { results } = await core.client.call('containers.act', {
        connectionId,
        ids: group.map((row) => row.id),
        action,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.time !== undefined ? { timeoutSeconds: options.time } : {}),
      });
      for (const result of results) {
        const row = group.find((r) => r.id === result.id)!;
        lines.push({
          row,
          ok: result.ok,
          message: result.message,
          ...(result.code ? { code: result.code } : {}),
        });
      }
    }
  } finally {
    await core.close();
  }
  if (options.json) {
    printJson(
      lines.map(({ row, ...rest }) => ({
        connectionId: row.connectionId,
        id: row.id,
        name: row.name,
        ...rest,
      })),
    );
  } else {
    for (const line of lines) {
      if (line.ok) console.log(printable(`${line.row.name}: ${line.message}`));
      else printError(`${line.row.name}: ${line.message}`);
    }
  }
  const failed = lines.filter((line) => !line.ok).length;
  if (failed > 0) throw new CliFailure(`${failed} of ${lines.length} failed (above).`, 1);
}
