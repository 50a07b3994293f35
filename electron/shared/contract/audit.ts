import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { connectionFailureSchema, containerIdSchema } from './containers';
import { method } from './define';

/**
 * How bad a finding is. The rules of the reference (domain.md §5) carry a base severity; the evidence
 * can raise it (a sensitive host path mounted read-write, SYS_ADMIN among the added capabilities).
 * `info` is for what belongs in an audit trail rather than on a to-do list.
 */
export const severitySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type FindingSeverity = z.infer<typeof severitySchema>;

/** One field of the workload's document and its value, as it made the rule fire (secrets masked). */
export const findingEvidenceSchema = z.object({
  /** The field as the engine names it: `HostConfig.Privileged`, `Mounts[2].Source`. */
  field: z.string(),
  value: z.string(),
});

/** One rule that fired on one workload. */
export const findingSchema = z.object({
  /** The rule id of the reference: R01 … R35. */
  rule: z.string().regex(/^R\d{2}$/),
  title: z.string(),
  severity: severitySchema,
  evidence: z.array(findingEvidenceSchema).min(1),
  /** Why it matters, in a sentence or two. */
  why: z.string(),
  /** How to fix it, with the flag or compose key. */
  fix: z.string(),
  /** CIS Docker Benchmark, Trivy (KSV) and Kubescape (C-) ids. */
  refs: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

/** A finding with the container it is about, for host-wide lists. */
export const containerFindingSchema = findingSchema.extend({
  connectionId: connectionIdSchema,
  containerId: z.string(),
  containerName: z.string(),
});
export type ContainerFinding = z.infer<typeof containerFindingSchema>;

/** How many findings there are of each severity. */
export const severityCountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});
export type SeverityCounts = z.infer<typeof severityCountsSchema>;

/** A rule that could not be checked (a stopped container has no process list), and why. */
export const uncheckedRuleSchema = z.object({ rule: z.string(), reason: z.string() });

export const containerAuditSchema = z.object({
  connectionId: connectionIdSchema,
  containerId: z.string(),
  containerName: z.string(),
  /** Worst first, then by rule id. */
  findings: z.array(findingSchema),
  counts: severityCountsSchema,
  unchecked: z.array(uncheckedRuleSchema),
});
export type ContainerAudit = z.infer<typeof containerAuditSchema>;

export const hostAuditSchema = z.object({
  /** Every container's findings, worst first. */
  findings: z.array(containerFindingSchema),
  counts: severityCountsSchema,
  /** Per connection that answered: how many containers were audited, and how many vanished meanwhile. */
  hosts: z.array(
    z.object({
      connectionId: connectionIdSchema,
      containers: z.number().int(),
      vanished: z.number().int(),
    }),
  ),
  /** Connections that could not be audited, with the reason: never a silent empty list. */
  failures: z.array(connectionFailureSchema),
});
export type HostAudit = z.infer<typeof hostAuditSchema>;

export const auditMethods = {
  'audit.container': method({
    summary:
      'Risk findings for one container (rules R01–R35): severity, the evidence (field and value), why it matters and how to fix it; rules that compare containers (shared host directories, flat networks) look at the whole host.',
    input: z.object({ connectionId: connectionIdSchema, containerId: containerIdSchema }).strict(),
    output: containerAuditSchema,
    timeoutMs: 120_000,
  }),
  'audit.host': method({
    summary:
      'Risk findings for every container of every connected engine (or of the given ones), with counts by severity and the connections that could not be audited beside them.',
    input: z.object({ connectionIds: z.array(connectionIdSchema).max(100).optional() }).strict(),
    output: hostAuditSchema,
    timeoutMs: 300_000,
  }),
} as const;
