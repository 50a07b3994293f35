import type { Finding } from '../../shared/contract';
import { RULES } from './rules';
import { SEVERITIES, type HostView, type Rule, type Severity, type Workload } from './workload';

/** A rule that could not be checked on a workload, and why. */
export interface Unchecked {
  readonly rule: string;
  readonly reason: string;
}

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The higher of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return rank(a) <= rank(b) ? a : b;
}

/** Findings first by severity, then by rule id. */
export function bySeverity(a: Finding, b: Finding): number {
  return rank(a.severity) - rank(b.severity) || a.rule.localeCompare(b.rule);
}

/** Runs the rules over one workload of the host: what fired, with its evidence, and what could not be checked. */
export function auditWorkload(
  workload: Workload,
  host: HostView,
  rules: readonly Rule[] = RULES,
): { findings: Finding[]; unchecked: Unchecked[] } {
  const findings: Finding[] = [];
  const unchecked: Unchecked[] = [];
  for (const rule of rules) {
    const reason = rule.unchecked?.(workload);
    if (reason) unchecked.push({ rule: rule.id, reason });
    const evidence = rule.check(workload, host);
    if (evidence.length === 0) continue;
    const severity = evidence.reduce<Severity>(
      (s, e) => (e.severity ? worse(s, e.severity) : s),
      rule.severity,
    );
    findings.push({
      rule: rule.id,
      title: rule.title,
      severity,
      evidence: evidence.map(({ field, value }) => ({ field, value })),
      why: rule.why,
      fix: rule.fix,
      refs: [...rule.refs],
    });
  }
  return { findings: findings.sort(bySeverity), unchecked };
}
