import type {
  ContainerAudit,
  ContainerFinding,
  Finding,
  HostAudit,
  ParsedIn,
  SeverityCounts,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requireConnection, type EngineDirectory } from '../containers/engine-directory';
import { acrossEngines } from '../resources/across-engines';
import { collectHost } from './collect-host';
import { auditWorkload, bySeverity } from './evaluate';

/** How long a call waits for a connection that is still connecting before saying so. */
const CONNECTING_GRACE_MS = 5_000;

export interface AuditOptions {
  /** Registries (or registry/namespace prefixes) whose images R30 trusts besides Docker Hub's official ones. */
  readonly trustedRegistries?: readonly string[];
}

/** Counts of findings by severity (every severity present, zero when none). */
export function countFindings(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/**
 * `audit.container` and `audit.host`: the risk rules (R01–R35) over what the engines report. Rules
 * that compare containers (shared host directories, flat networks) always see the whole host.
 */
export class AuditService {
  constructor(
    private readonly engines: EngineDirectory,
    private readonly options: AuditOptions = {},
  ) {}

  async container(input: ParsedIn<'audit.container'>, signal?: AbortSignal): Promise<ContainerAudit> {
    const view = await requireConnection(this.engines, input.connectionId);
    await view.ready(signal, CONNECTING_GRACE_MS);
    const engine = view.liveEngine();
    const matches = (await engine.listContainers({}, signal)).filter((c) =>
      c.id.startsWith(input.containerId),
    );
    if (matches.length > 1) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `${input.containerId} matches ${matches.length} containers on ${view.endpoint}; give more of the id.`,
      );
    }
    const id = matches[0]?.id;
    const { host } = id
      ? await collectHost(engine, { deep: new Set([id]), ...this.trusted() }, signal)
      : { host: undefined };
    const workload = host?.workloads.find((w) => w.id === id);
    if (!host || !workload) {
      throw new AppError(
        'NOT_FOUND',
        `Container ${input.containerId.slice(0, 12)} is gone: it is not on ${view.endpoint} any more. Pick another container in the list (bosun ps -a).`,
        { reason: 'container-gone' },
      );
    }
    const { findings, unchecked } = auditWorkload(workload, host);
    return {
      connectionId: input.connectionId,
      containerId: workload.id,
      containerName: workload.name,
      findings,
      counts: countFindings(findings),
      unchecked,
    };
  }

  async host(input: ParsedIn<'audit.host'>, signal?: AbortSignal): Promise<HostAudit> {
    const { values, failures } = await acrossEngines(
      this.engines,
      input.connectionIds,
      'The audit',
      signal,
      (session) => collectHost(session.liveEngine(), this.trusted(), signal),
    );
    const findings: ContainerFinding[] = [];
    const hosts: HostAudit['hosts'] = [];
    for (const { connectionId, value } of values) {
      hosts.push({ connectionId, containers: value.host.workloads.length, vanished: value.vanished });
      for (const workload of value.host.workloads) {
        for (const finding of auditWorkload(workload, value.host).findings) {
          findings.push({ ...finding, connectionId, containerId: workload.id, containerName: workload.name });
        }
      }
    }
    findings.sort(
      (a, b) =>
        bySeverity(a, b) ||
        a.connectionId.localeCompare(b.connectionId) ||
        a.containerName.localeCompare(b.containerName),
    );
    return { findings, counts: countFindings(findings), hosts, failures };
  }

  private trusted(): { trustedRegistries?: readonly string[] } {
    return this.options.trustedRegistries ? { trustedRegistries: this.options.trustedRegistries } : {};
  }
}
