import type { RestartImpact } from '../../shared/contract';
import type { ContainerSummary } from '../containers/container-engine';
import { composeOf, type WorkloadFacts } from './workload-facts';

/** Containers of the same compose project whose `com.docker.compose.depends_on` names this service. */
export function composeDependents(facts: WorkloadFacts, others: readonly ContainerSummary[]): string[] {
  const compose = composeOf(facts.labels);
  if (!compose) return [];
  return others
    .filter(
      (other) => other.id !== facts.id && other.labels['com.docker.compose.project'] === compose.project,
    )
    .filter((other) =>
      // "db:service_started:false,cache:service_healthy:true" (compose v2.20 and later)
      (other.labels['com.docker.compose.depends_on'] ?? '')
        .split(',')
        .some((item) => item.split(':')[0]?.trim() === compose.service),
    )
    .map((other) => other.name)
    .sort();
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a restart costs, with the sentence that says it. */
export function restartImpact(
  facts: WorkloadFacts,
  connections: { count: number | null; note: string },
  dependents: readonly string[],
): RestartImpact {
  const ports = facts.ports.map((port) => ({ ...port }));
  const parts: string[] = [];
  if (ports.length > 0) {
    const list = ports
      .map((p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}→${p.containerPort}/${p.protocol}`)
      .join(', ');
    const open =
      connections.count === null
        ? 'open connections could not be counted'
        : `${plural(connections.count, 'open connection')} now, which will be cut`;
    parts.push(`closes ${list} for the length of the restart (${open})`);
  } else {
    parts.push('closes no published port (nothing is published), but the program is down while it restarts');
  }
  if (facts.healthcheck) parts.push('the health check reports "starting" until it passes again');
  if (dependents.length > 0) {
    parts.push(
      `${plural(dependents.length, 'compose service depends', 'compose services depend')} on it (${dependents.join(', ')})`,
    );
  }
  return {
    ports,
    openConnections: connections.count,
    connectionsNote: connections.note,
    healthcheck: facts.healthcheck,
    dependents: [...dependents],
    summary: `A restart ${parts.join('; ')}.`,
  };
}
