import { describe, expect, it } from 'vitest';
import { auditWorkload } from './evaluate';
import { hostOf } from './inspect-fixture';
import { RULES } from './rules';
import type { Case, Situation } from './rules/case-kit';
import { imagesCases } from './rules/images.cases';
import { mountsCases } from './rules/mounts.cases';
import { networkCases } from './rules/network.cases';
import { privilegesCases } from './rules/privileges.cases';
import { resourcesCases } from './rules/resources.cases';
import { runtimeCases } from './rules/runtime.cases';

const CASES: Record<string, Case> = {
  ...privilegesCases,
  ...mountsCases,
  ...networkCases,
  ...resourcesCases,
  ...imagesCases,
  ...runtimeCases,
};

function run(id: string, { w, host }: Situation) {
  const rule = RULES.find((r) => r.id === id)!;
  return auditWorkload(w, host ?? hostOf([w]), [rule]).findings[0];
}

describe('risk rules', () => {
  it('are the 35 of the reference, each with a why, a fix, refs and a test case here', () => {
    expect(RULES.map((r) => r.id)).toEqual(
      Array.from({ length: 35 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`),
    );
    for (const rule of RULES) {
      expect(rule.why.length, rule.id).toBeGreaterThan(20);
      expect(rule.fix.length, rule.id).toBeGreaterThan(20);
      expect(rule.refs.length, rule.id).toBeGreaterThan(0);
    }
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id));
  });

  for (const [id, { fires, quiet }] of Object.entries(CASES)) {
    describe(id, () => {
      it.each(fires)('fires: $name', ({ make, severity, field, value }) => {
        const finding = run(id, make());
        expect(finding, 'the rule did not fire').toBeDefined();
        expect(finding!.severity).toBe(severity);
        const item = finding!.evidence.find((e) => e.field === field);
        expect(item, `no evidence on ${field}: ${JSON.stringify(finding!.evidence)}`).toBeDefined();
        expect(item!.value).toContain(value);
      });
      it.each(quiet)('quiet: $name', ({ make }) => {
        expect(run(id, make())).toBeUndefined();
      });
    });
  }
});
