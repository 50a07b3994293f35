import type { ActionResult, NetworkRow, Out, ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import {
  requireConnection,
  type EngineDirectory,
  type EngineSessionView,
} from '../containers/engine-directory';
import { failure } from '../containers/engine-errors';
import { acrossEngines } from '../resources/across-engines';
import { matchesLabel } from '../resources/label-filter';
import { settlePlan } from '../resources/prune-outcome';
import { failedItem, goneError, nameContainers } from '../resources/resource-errors';
import { configuredOnly, findNetwork, toNetworkPruneItem, toNetworkRows } from './network-rows';

/** Networks across engines: lists with subnets and containers, removal, prune. */
export class NetworksService {
  constructor(private readonly engines: EngineDirectory) {}

  async list(input: ParsedIn<'networks.list'>, signal?: AbortSignal): Promise<Out<'networks.list'>> {
    const { values, failures } = await acrossEngines(
      this.engines,
      input.connectionIds,
      'networks.list',
      signal,
      async (session) => (await this.rows(session, signal)).sort((a, b) => a.name.localeCompare(b.name)),
    );
    return { rows: values.flatMap((v) => v.value), failures };
  }

  async remove(input: ParsedIn<'networks.remove'>, signal?: AbortSignal): Promise<Out<'networks.remove'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const engine = session.liveEngine();
    const results: ActionResult[] = [];
    let rows = await this.rows(session, signal);
    for (const ref of [...new Set(input.ids)]) {
      const row = findNetwork(rows, ref);
      try {
        if (!row) throw goneError('network', ref, session.endpoint);
        if (row.builtIn) throw builtIn(row.name);
        await engine.networks.remove(row.id, signal);
        results.push({ id: ref, ok: true, message: removedMessage(row) });
      } catch (error) {
        if (signal?.aborted) throw error;
        // Read again: what the refusal is about may have changed since the first read.
        rows = await this.rows(session, signal).catch(() => rows);
        results.push(
          failedItem(
            ref,
            explain(error, ref, findNetwork(rows, ref), session.endpoint),
            'Removing the network failed.',
          ),
        );
      }
    }
    return { results };
  }

  async prune(input: ParsedIn<'networks.prune'>, signal?: AbortSignal): Promise<Out<'networks.prune'>> {
    const session = await requireConnection(this.engines, input.connectionId);
    const rows = await this.rows(session, signal);
    const chosen = rows.filter(
      (row) =>
        !row.builtIn && !row.containers.some((c) => c.attached) && matchesLabel(row.labels, input.label),
    );
    const planned = chosen.map(toNetworkPruneItem);
    const notes = [
      'Networks no running container is attached to go; the built-in bridge, host and none always stay.',
      'Networks take no disk space: nothing is freed on disk.',
    ];
    const stranded = chosen.flatMap(configuredOnly);
    if (stranded.length > 0)
      notes.push(
        `Stopped containers set to join one of them (${nameContainers(stranded)}) will not start until connected to another network.`,
      );
    if (input.label) notes.push(`Only networks labelled ${input.label}.`);
    const base = { connectionId: input.connectionId, estimatedBytes: 0, notes };
    if (input.dryRun) return { ...base, dryRun: true, items: planned, spaceReclaimed: null };
    const newest = Math.max(0, ...rows.map((row) => row.created ?? 0));
    const outcome = await session
      .liveEngine()
      .networks.prune(
        { ...(input.label ? { label: input.label } : {}), ...(newest > 0 ? { until: newest + 1000 } : {}) },
        signal,
      );
    const deleted = new Set(outcome.deleted);
    const plannedNames = new Set(planned.map((item) => item.name));
    const beyond = rows
      .filter((row) => deleted.has(row.name) && !plannedNames.has(row.name))
      .map(toNetworkPruneItem);
    return {
      ...base,
      dryRun: false,
      items: settlePlan(planned, (item) => deleted.has(item.name), beyond),
      spaceReclaimed: null,
    };
  }

  private async rows(session: EngineSessionView, signal?: AbortSignal): Promise<NetworkRow[]> {
    const engine = session.liveEngine();
    const [networks, attachments] = await Promise.all([
      engine.networks.list(signal),
      engine.networks.attachments(signal),
    ]);
    return toNetworkRows(session.id, networks, attachments);
  }
}

function builtIn(name: string): AppError {
  return failure(
    'INVALID_ARGUMENT',
    `${name} is one of the engine's own networks (bridge, host, none): the engine needs it and never removes it.`,
    'Remove networks you created instead.',
    { reason: 'built-in' },
  );
}

function removedMessage(row: NetworkRow): string {
  const stranded = configuredOnly(row);
  if (stranded.length === 0) return 'removed';
  return `removed; ${nameContainers(stranded)} will not start until connected to another network`;
}

function explain(error: unknown, ref: string, row: NetworkRow | undefined, endpoint: string): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'NOT_FOUND') return goneError('network', ref, endpoint);
  if (error.code !== 'CONFLICT') return error;
  const said = typeof error.details?.['said'] === 'string' ? error.details['said'] : error.message;
  if (/pre-?defined/i.test(said)) return builtIn(row?.name ?? ref);
  const attached = row?.containers.filter((c) => c.attached) ?? [];
  if (/active endpoints/i.test(said) && attached.length > 0) {
    const who = attached.map((c) => `${c.name}${c.ipv4 ? ` (${c.ipv4})` : ''}`).join(', ');
    return failure(
      'CONFLICT',
      `The network ${row!.name} has running containers attached: ${who}.`,
      'Stop those containers or disconnect them from it, then remove it.',
      { reason: 'in-use', containers: attached.map((c) => c.id) },
    );
  }
  return error;
}
