import { describe, expect, it } from 'vitest';
import type { ContainerFinding, HostAudit } from '../../shared/contract';
import { atOrAbove, formatAudit } from './audit';

const finding = (rule: string, severity: ContainerFinding['severity']): ContainerFinding => ({
  rule,
  title: `title of ${rule}`,
  severity,
  evidence: [
    { field: 'HostConfig.Privileged', value: 'true' },
    { field: 'x', value: 'y' },
  ],
  why: 'why',
  fix: 'fix',
  refs: [],
  connectionId: 'local',
  containerId: 'c0ffee',
  containerName: 'web',
});

describe('bosun audit', () => {
  it('counts findings at or above the --fail-on level', () => {
    const findings = [finding('R01', 'critical'), finding('R20', 'medium'), finding('R12', 'low')];
    expect(atOrAbove(findings, 'critical')).toBe(1);
    expect(atOrAbove(findings, 'high')).toBe(1);
    expect(atOrAbove(findings, 'medium')).toBe(2);
    expect(atOrAbove([finding('R24', 'info')], 'medium')).toBe(0);
  });

  it('prints one line per finding with its first evidence, then the counts', () => {
    const result: HostAudit = {
      findings: [finding('R01', 'critical')],
      counts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
      hosts: [{ connectionId: 'local', containers: 3, vanished: 0 }],
      failures: [],
    };
    const text = formatAudit(result);
    expect(text).toMatch(/^SEVERITY\s+RULE\s+CONTAINER\s+HOST\s+TITLE\s+EVIDENCE$/m);
    expect(text).toMatch(
      /CRITICAL\s+R01\s+web\s+local\s+title of R01\s+HostConfig\.Privileged = true \(\+1 more\)/,
    );
    expect(text).toContain('1 findings in 3 containers: 1 critical, 0 high, 0 medium, 0 low, 0 info.');
    expect(formatAudit({ ...result, findings: [], counts: { ...result.counts, critical: 0 } })).toBe(
      '0 findings in 3 containers: 0 critical, 0 high, 0 medium, 0 low, 0 info.',
    );
  });
});
