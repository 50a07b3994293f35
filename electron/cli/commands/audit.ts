import type { ContainerFinding, FindingSeverity, HostAudit } from '../../shared/contract';
import { openLocalCore } from '../local-core';
import { CliFailure, printJson, warnFailures } from '../output';
import { renderTable } from '../table';

export const FAIL_ON_LEVELS = ['critical', 'high', 'medium'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** The exit code when a finding is at or above --fail-on: apart from 1 (could not run) so CI can tell them apart. */
export const FINDINGS_EXIT_CODE = 3;

export interface AuditOptions {
  readonly host?: string[];
  readonly json?: boolean;
  readonly failOn?: FailOn;
}

const ORDER: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** How many findings are at or above the level. */
export function atOrAbove(findings: readonly Pick<ContainerFinding, 'severity'>[], level: FailOn): number {
  const limit = ORDER.indexOf(level);
  return findings.filter((f) => ORDER.indexOf(f.severity) <= limit).length;
}

function evidenceCell(finding: ContainerFinding): string {
  const [first] = finding.evidence;
  const more = finding.evidence.length > 1 ? ` (+${finding.evidence.length - 1} more)` : '';
  return first ? `${first.field} = ${first.value}${more}` : '';
}

/** The findings for people: one line each, worst first, then the counts. */
export function formatAudit(result: HostAudit): string {
  const counts = ORDER.map((s) => `${result.counts[s]} ${s}`).join(', ');
  const containers = result.hosts.reduce((n, h) => n + h.containers, 0);
  const summary = `${result.findings.length} findings in ${containers} containers: ${counts}.`;
  if (result.findings.length === 0) return summary;
  const table = renderTable(
    ['SEVERITY', 'RULE', 'CONTAINER', 'HOST', 'TITLE', 'EVIDENCE'],
    result.findings.map((f) => [
      f.severity.toUpperCase(),
      f.rule,
      f.containerName,
      f.connectionId,
      f.title,
      evidenceCell(f),
    ]),
  );
  return `${table}\n\n${summary}\nWhy each matters and how to fix it: bosun audit --json, or the Risks tab of the container.`;
}

/** `bosun audit`: the risk rules over every container of the connected engines (or --host). */
export async function auditCommand(options: AuditOptions): Promise<void> {
  const core = await openLocalCore();
  let result: HostAudit;
  let considered: string[];
  try {
    const known = (await core.client.call('connections.list', {})).map((c) => c.id);
    const requested = options.host && options.host.length > 0 ? options.host : undefined;
    const unknown = (requested ?? []).filter((id) => !known.includes(id));
    if (unknown.length > 0)
      throw new CliFailure(
        `Unknown host ${unknown.map((id) => `"${id}"`).join(', ')}. Run \`bosun hosts\` to see the host ids.`,
        1,
      );
    considered = requested ?? known;
    if (considered.length === 0)
      throw new CliFailure(
        'No Docker engine found. Start Docker, set DOCKER_HOST, or add one with the app.',
        1,
      );
    result = await core.client.call('audit.host', { connectionIds: considered });
  } finally {
    await core.close();
  }
  if (options.json) printJson(result);
  else console.log(formatAudit(result));
  warnFailures(result.failures);
  if (result.failures.length === considered.length)
    throw new CliFailure('No engine could be audited (reasons above).', 1);
  if (options.failOn && result.failures.length > 0)
    throw new CliFailure(
      `${result.failures.length} engine(s) could not be audited (reasons above), so --fail-on cannot vouch for them.`,
      1,
    );
  if (options.failOn) {
    const over = atOrAbove(result.findings, options.failOn);
    if (over > 0)
      throw new CliFailure(
        `${over} finding(s) at or above ${options.failOn} (--fail-on ${options.failOn}).`,
        FINDINGS_EXIT_CODE,
      );
  }
}
