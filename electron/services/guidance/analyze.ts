import type { GuidanceAnalysis, MatchedProgram } from '../../shared/contract';
import { analyzeDelivery } from './delivery';
import { verdictFor, type Choice } from './guide';
import { restartImpact } from './impact';
import type { Knowledge, ProgramMatch } from './knowledge-port';
import type { Workload } from './workload';
import type { WorkloadFacts } from './workload-facts';

export interface Analysis {
  readonly facts: WorkloadFacts;
  readonly match?: ProgramMatch;
  readonly choice?: Choice;
  readonly result: GuidanceAnalysis;
}

const RANK = { process: 0, image: 1, port: 2 } as const;

function matched(match: ProgramMatch, knowledge: Knowledge): MatchedProgram {
  const { entry } = match;
  return {
    id: entry.id,
    name: entry.name,
    confidence: match.confidence,
    ...(match.process ? { process: { pid: match.process.pid, command: match.process.command } } : {}),
    reload: knowledge.describeReload(entry),
    ...(entry.configTest ? { configTest: entry.configTest.command.join(' ') } : {}),
    cannotReload: [...entry.cannotReload],
    caveats: [...entry.caveats],
    sources: [...entry.sources],
  };
}

/**
 * Everything guidance says about one workload: facts, the program found (the best-detected one
 * decides), delivery, the verdict, and — when `impact` — what a restart would cost right now.
 */
export async function analyze(
  workload: Workload,
  knowledge: Knowledge,
  options: { impact: boolean; signal?: AbortSignal },
): Promise<Analysis> {
  const { signal } = options;
  const facts = await workload.facts(signal);
  const matches = knowledge
    .findPrograms({ image: facts.image, processes: facts.processes, ports: facts.exposedPorts })
    .slice()
    .sort((a, b) => RANK[a.confidence] - RANK[b.confidence]);
  // A well-known port alone is a guess: it is shown, but never decides how to signal a process.
  const match = matches.find((m) => m.confidence !== 'port');
  // Paths of other flavours (OpenResty's beside nginx's) that this image does not have are left out.
  const present = match
    ? await Promise.all(
        match.entry.configPaths.map(async (path) =>
          (await workload.pathExists(path, signal)) === false ? undefined : path,
        ),
      )
    : [];
  const delivery = analyzeDelivery(
    facts,
    match,
    present.filter((path): path is string => path !== undefined),
  );
  const { verdict, choice } = verdictFor(facts, delivery, match);
  const tcpPorts = [...new Set(facts.ports.filter((p) => p.protocol === 'tcp').map((p) => p.containerPort))];
  const [connections, dependents] = options.impact
    ? await Promise.all([
        facts.running
          ? workload.openConnections(tcpPorts, signal)
          : Promise.resolve({ count: 0, note: 'The container is not running: no connection is open.' }),
        workload.dependents(facts, signal).catch(() => [] as string[]),
      ])
    : [{ count: null, note: 'Not counted.' }, [] as string[]];
  const caveats = [
    ...(match?.entry.caveats ?? []),
    ...(match?.entry.signalsToAvoid ?? []).map(
      (s) => `Never send SIG${s.signal.replace(/^SIG/, '')}: ${s.why}`,
    ),
    ...(delivery.envConfig ? [`${delivery.envConfig.note} ${delivery.envConfig.recreate}`] : []),
    ...delivery.configSources.filter((s) => s.kind === 'bind-file').map((s) => s.note),
  ];
  return {
    facts,
    ...(match ? { match } : {}),
    ...(choice ? { choice } : {}),
    result: {
      containerId: facts.id || workload.id,
      name: facts.name,
      running: facts.running,
      verdict,
      delivery,
      programs: matches.map((m) => matched(m, knowledge)),
      impact: restartImpact(facts, connections, dependents),
      caveats,
    },
  };
}
