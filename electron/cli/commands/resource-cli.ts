import type { ActionResult, Contract, PruneResult } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import type { Client } from '../../shared/rpc/client';
import { openLocalCore } from '../local-core';
import { CliFailure, printError, printJson, warnFailures } from '../output';
import { printable } from '../printable';

type CoreClient = Client<Contract>;
type Failures = Parameters<typeof warnFailures>[0];

export interface ListOptions {
  readonly host?: string[];
  readonly json?: boolean;
}

/** Connections the command is about: --host (checked against what Bosun knows), else all of them. */
async function chosenHosts(client: CoreClient, hosts: readonly string[] | undefined): Promise<string[]> {
  const known = (await client.call('connections.list', {})).map((c) => c.id);
  const requested = hosts && hosts.length > 0 ? [...hosts] : undefined;
  const unknown = (requested ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new CliFailure(
      `Unknown host ${unknown.map((id) => `"${id}"`).join(', ')}. Run \`bosun hosts\` to see the host ids.`,
      1,
    );
  }
  if (known.length === 0)
    throw new CliFailure(
      'No Docker engine found. Start Docker, set DOCKER_HOST, or add one with the app.',
      1,
    );
  return requested ?? known;
}

/**
 * A list across engines, like `bosun ps`: rows on stdout (a table or JSON), engines that failed on
 * stderr, exit 1 when none answered, so a script never mistakes "unreachable" for "nothing there".
 */
export async function listAcross<R>(
  options: ListOptions,
  read: (client: CoreClient, connectionIds: string[]) => Promise<{ rows: R[]; failures: Failures }>,
  table: (rows: R[]) => string,
): Promise<void> {
  const core = await openLocalCore();
  let result: { rows: R[]; failures: Failures };
  let considered: string[];
  try {
    considered = await chosenHosts(core.client, options.host);
    result = await read(core.client, considered);
  } finally {
    await core.close();
  }
  if (options.json) printJson(result.rows);
  else console.log(table(result.rows));
  warnFailures(result.failures);
  const failed = new Set(result.failures.map((f) => f.connectionId));
  if (considered.every((id) => failed.has(id)))
    throw new CliFailure('No engine could be reached, so there is nothing to list (reasons above).', 1);
}

/**
 * Which engine each name on the command line means: --host, else the one engine whose list has it.
 * Ambiguity is an error that names the hosts, never a guess.
 */
async function resolveOnHosts(
  client: CoreClient,
  host: string | undefined,
  refs: readonly string[],
  what: string,
  hostsHaving: (ref: string, connectionIds: string[]) => Promise<string[]>,
): Promise<Map<string, string[]>> {
  const hosts = await chosenHosts(client, host ? [host] : undefined);
  const byHost = new Map<string, string[]>();
  for (const ref of refs) {
    const found = host ? [host] : await hostsHaving(ref, hosts);
    if (found.length === 0)
      throw new CliFailure(
        `No ${what} "${ref}" on any connected engine. List them with \`bosun ${what}s\`.`,
        1,
      );
    if (found.length > 1)
      throw new CliFailure(`"${ref}" is on several engines (${found.join(', ')}): pick one with --host.`, 1);
    byHost.set(found[0]!, [...(byHost.get(found[0]!) ?? []), ref]);
  }
  return byHost;
}

export interface RemoveOptions {
  readonly host?: string;
  readonly json?: boolean;
}

/** How `bosun X rm` finds and removes one kind of object. */
export interface Removal<R extends { readonly connectionId: string }, T extends ActionResult> {
  /** "image": the word in messages (and, plural, the command that lists them). */
  readonly what: string;
  readonly list: (client: CoreClient, connectionIds: string[]) => Promise<{ rows: R[] }>;
  /** Whether a name given on the command line means this row (a name, an id or an id prefix). */
  readonly matches: (ref: string, row: R) => boolean;
  readonly remove: (client: CoreClient, connectionId: string, refs: string[]) => Promise<{ results: T[] }>;
}

/**
 * `bosun image|volume|network rm`: finds the engine of each name, removes them engine by engine (the
 * core tries every item), then one line per item; exit 1 when any failed.
 */
export async function removeCommand<R extends { readonly connectionId: string }, T extends ActionResult>(
  refs: readonly string[],
  options: RemoveOptions,
  removal: Removal<R, T>,
): Promise<void> {
  const core = await openLocalCore();
  const results: T[] = [];
  try {
    const byHost = await resolveOnHosts(core.client, options.host, refs, removal.what, async (ref, ids) => {
      const { rows } = await removal.list(core.client, ids);
      return [...new Set(rows.filter((row) => removal.matches(ref, row)).map((row) => row.connectionId))];
    });
    for (const [connectionId, group] of byHost)
      results.push(...(await removal.remove(core.client, connectionId, group)).results);
  } finally {
    await core.close();
  }
  printResults(results, options.json);
}

/** One line per item with the core's own words; exit 1 when any failed, after all were tried. */
function printResults(results: readonly ActionResult[], json: boolean | undefined): void {
  if (json) printJson(results);
  else
    for (const r of results) {
      if (r.ok) console.log(printable(`${r.id}: ${r.message}`));
      else printError(`${r.id}: ${r.message}`);
    }
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new CliFailure(`${failed} of ${results.length} failed (above).`, 1);
}

export interface PruneOptions {
  readonly host?: string;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly filter?: string[];
}

/** What every prune is asked: the engine, dry run unless --force, and the --filter label if any. */
export interface PruneRequest {
  readonly connectionId: string;
  readonly dryRun: boolean;
  readonly label?: string;
}

/** `--filter label=KEY[=VALUE]`, the one filter prunes take. */
function labelOf(filters: readonly string[] | undefined): string | undefined {
  if (!filters || filters.length === 0) return undefined;
  if (filters.length > 1 || !filters[0]!.startsWith('label='))
    throw new CliFailure('Only one --filter label=KEY or label=KEY=VALUE is supported.', 2);
  return filters[0]!.slice('label='.length);
}

/**
 * `bosun X prune`: without --force it prints what would go and exits 1 with a hint (nothing is
 * removed); with --force it prunes and prints what became of each item and the space freed.
 */
export async function pruneCommand(
  options: PruneOptions,
  what: string,
  prune: (client: CoreClient, request: PruneRequest) => Promise<PruneResult>,
): Promise<void> {
  const label = labelOf(options.filter);
  const core = await openLocalCore();
  let result: PruneResult;
  try {
    const hosts = await chosenHosts(core.client, options.host ? [options.host] : undefined);
    if (hosts.length > 1)
      throw new CliFailure(
        `Several engines are known (${hosts.join(', ')}): pick the one to prune with --host.`,
        1,
      );
    result = await prune(core.client, {
      connectionId: hosts[0]!,
      dryRun: options.force !== true,
      ...(label ? { label } : {}),
    });
  } finally {
    await core.close();
  }
  if (options.json) printJson(result);
  else printPrune(result, what);
  if (result.dryRun && result.items.length > 0)
    throw new CliFailure(
      `Nothing was removed. Run again with --force to remove ${result.items.length === 1 ? 'it' : 'them'}.`,
      1,
    );
  const kept = result.items.filter((item) => item.outcome && !item.outcome.ok).length;
  if (kept > 0) throw new CliFailure(`${kept} of ${result.items.length} were not removed (above).`, 1);
}

function printPrune(result: PruneResult, what: string): void {
  const size = (bytes: number | null): string => (bytes === null ? 'size unknown' : formatSize(bytes));
  if (result.items.length === 0) {
    console.log(printable(`Nothing to remove on ${result.connectionId}: no ${what} matches.`));
  } else if (result.dryRun) {
    console.log(printable(`These ${what} on ${result.connectionId} would be removed:`));
    for (const item of result.items) console.log(printable(`  ${item.name}  ${size(item.size)}`));
  } else {
    for (const item of result.items) {
      const line = `${item.name}: ${item.outcome?.message ?? 'removed'}`;
      if (item.outcome && !item.outcome.ok) printError(line);
      else console.log(printable(line));
    }
  }
  for (const note of result.notes) console.log(printable(`Note: ${note}`));
  if (result.dryRun) {
    if (result.items.length > 0 && result.estimatedBytes > 0)
      console.log(`Space it would free: up to ${formatSize(result.estimatedBytes)}`);
  } else if (result.spaceReclaimed !== null) {
    console.log(`Total reclaimed space: ${formatSize(result.spaceReclaimed)}`);
  }
}
