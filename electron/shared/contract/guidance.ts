import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerIdSchema } from './containers';
import { event, method } from './define';

/** Chosen by the client (a UUID) so it can subscribe to a run's progress before starting it. */
export const guidanceRunIdSchema = z.uuid({ message: 'a run id is a UUID' });

const target = {
  connectionId: connectionIdSchema,
  containerId: containerIdSchema,
};

/**
 * Who PID 1 is, and what that means for a signal sent to the container: `program` (the server
 * itself), `shell` (`sh -c …`: signals are dropped), `init` (tini, docker-init, dumb-init: forwarded),
 * `supervisor` (supervisord, s6: they act on signals themselves), `systemd` (the engine cannot see the
 * services), `other` (a wrapper Bosun does not know).
 */
export const pid1KindSchema = z.enum(['program', 'shell', 'init', 'supervisor', 'systemd', 'other']);
export type Pid1Kind = z.infer<typeof pid1KindSchema>;

export const pid1Schema = z.object({
  kind: pid1KindSchema,
  /** PID 1's command line as the engine's /top shows it (or Path and Args when it could not be read). */
  command: z.string(),
  /** Whether a signal sent to the container (`docker kill -s`) reaches the program. */
  forwardsSignals: z.boolean(),
  /** What this means, in one or two sentences. */
  note: z.string(),
});

/** Where one of the program's config paths comes from inside the container. */
export const configSourceSchema = z.object({
  /** The config path (from the knowledge base), e.g. /etc/nginx. */
  path: z.string(),
  kind: z.enum(['bind-directory', 'bind-file', 'volume', 'image', 'tmpfs']),
  /** The host path of a bind mount, or the volume's name. */
  source: z.string().optional(),
  /** Where it is mounted (may be a parent of `path`). */
  destination: z.string().optional(),
  note: z.string(),
});
export type ConfigSource = z.infer<typeof configSourceSchema>;

/** Configuration passed in environment variables: names only (values may be secrets). */
export const envConfigSchema = z.object({
  keys: z.array(z.string()),
  /** Neither a reload nor a restart applies a change: how to recreate the container. */
  note: z.string(),
  recreate: z.string(),
});

export const deliverySchema = z.object({
  pid1: pid1Schema,
  configSources: z.array(configSourceSchema),
  envConfig: envConfigSchema.optional(),
  /** More facts worth knowing (a single-file mount, a systemd container's blind spot). */
  notes: z.array(z.string()),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** A program of the knowledge base found in the container. */
export const matchedProgramSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** How it was found: its process, the image name, or a well-known port only. */
  confidence: z.enum(['process', 'image', 'port']),
  /** The program's main process as the engine's /top shows it (host PID namespace). */
  process: z.object({ pid: z.number().int(), command: z.string() }).optional(),
  /** How this program reloads (describeReload). */
  reload: z.string(),
  configTest: z.string().optional(),
  cannotReload: z.array(z.string()),
  caveats: z.array(z.string()),
  sources: z.array(z.string()),
});
export type MatchedProgram = z.infer<typeof matchedProgramSchema>;

export const publishedPortSchema = z.object({
  containerPort: z.number().int(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  hostIp: z.string(),
  hostPort: z.number().int(),
});

/** What a restart would cost. */
export const restartImpactSchema = z.object({
  ports: z.array(publishedPortSchema),
  /** Established TCP connections on the container's published ports now; null when they could not be counted. */
  openConnections: z.number().int().nullable(),
  /** How they were counted, or why they could not be. */
  connectionsNote: z.string(),
  healthcheck: z.boolean(),
  /** Compose services of the same project that declare depends_on this one (container names). */
  dependents: z.array(z.string()),
  /** The impact in one sentence. */
  summary: z.string(),
});
export type RestartImpact = z.infer<typeof restartImpactSchema>;

export const reloadPlanSchema = z.object({
  /** signal-pid1: the kill API; exec-kill: `kill` run in the container; exec-command: the program's own command; http: its endpoint. */
  kind: z.enum(['signal-pid1', 'exec-kill', 'exec-command', 'http']),
  description: z.string(),
  steps: z.array(z.string()),
});
export type ReloadPlan = z.infer<typeof reloadPlanSchema>;

export const verdictSchema = z.object({
  kind: z.enum(['reload', 'restart']),
  /** "Reload is possible: …" or "A restart is needed because …", one sentence. */
  sentence: z.string(),
  /** The method Bosun would use (reload verdicts only). */
  plan: reloadPlanSchema.optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;

export const guidanceAnalysisSchema = z.object({
  containerId: z.string(),
  name: z.string(),
  running: z.boolean(),
  verdict: verdictSchema,
  delivery: deliverySchema,
  programs: z.array(matchedProgramSchema),
  impact: restartImpactSchema,
  /** Caveats of the matched program, and of the way it is delivered. */
  caveats: z.array(z.string()),
});
export type GuidanceAnalysis = z.infer<typeof guidanceAnalysisSchema>;

export const runStepNameSchema = z.enum(['validate', 'reload', 'verify', 'restart']);
export const runStepSchema = z.object({
  step: runStepNameSchema,
  status: z.enum(['ok', 'failed', 'skipped', 'planned']),
  message: z.string(),
  /** The config test's output (validate), or a command's output. */
  output: z.string().optional(),
});
export type RunStep = z.infer<typeof runStepSchema>;

/** The TCP probe: a connect to each published port every ~20 ms across the whole operation. */
export const probeReportSchema = z.object({
  /** host:port probed. */
  targets: z.array(z.string()),
  attempts: z.number().int(),
  refused: z.number().int(),
  /** Other failures (timeouts, resets). */
  failed: z.number().int(),
  durationMs: z.number(),
  /** Longest time between the first failed connect and the next accepted one (0 when none failed). */
  downtimeMs: z.number(),
  /** Set when no probe could run (nothing published, or the engine's host cannot be reached from here). */
  skipped: z.string().optional(),
});
export type ProbeReport = z.infer<typeof probeReportSchema>;

export const reloadResultSchema = z.object({
  /** reloaded: done and verified; refused: nothing was sent (validation failed, no reload possible); failed: sent but not verified; planned: dry run. */
  outcome: z.enum(['reloaded', 'refused', 'failed', 'planned']),
  message: z.string(),
  plan: reloadPlanSchema.optional(),
  steps: z.array(runStepSchema),
  pidBefore: z.number().int().optional(),
  pidAfter: z.number().int().optional(),
  probe: probeReportSchema.optional(),
});
export type ReloadResult = z.infer<typeof reloadResultSchema>;

export const restartResultSchema = z.object({
  outcome: z.enum(['restarted', 'failed']),
  message: z.string(),
  steps: z.array(runStepSchema),
  /** Measured by the probe: from the first refused connect to the first accepted one after it. */
  downtimeMs: z.number().nullable(),
  probe: probeReportSchema.optional(),
});
export type RestartResult = z.infer<typeof restartResultSchema>;

export const guidanceProgressSchema = z.object({
  runId: guidanceRunIdSchema,
  step: runStepNameSchema,
  message: z.string(),
});
export type GuidanceProgress = z.infer<typeof guidanceProgressSchema>;

export const guidanceMethods = {
  'guidance.analyze': method({
    summary:
      'Reload or restart for a container: the verdict, who PID 1 is, where the config comes from, the matched program and what a restart would cost.',
    input: z.object(target).strict(),
    output: guidanceAnalysisSchema,
    timeoutMs: 60_000,
  }),
  'guidance.reload': method({
    summary:
      "Reloads a container's program safely: validate (its config test), reload (the right signal to the right process, or its own command), verify (main PID kept, port never refused).",
    input: z
      .object({
        ...target,
        /** Plan and validate only: nothing is sent. */
        dryRun: z.boolean().default(false),
        /** Progress goes to guidance.progress with this id. */
        runId: guidanceRunIdSchema.optional(),
      })
      .strict(),
    output: reloadResultSchema,
    timeoutMs: 120_000,
  }),
  'guidance.restart': method({
    summary: 'Restarts a container and measures the downtime of its published ports with a TCP probe.',
    input: z.object({ ...target, runId: guidanceRunIdSchema.optional() }).strict(),
    output: restartResultSchema,
    timeoutMs: 180_000,
  }),
} as const;

export const guidanceEvents = {
  'guidance.progress': event({
    summary: 'What a reload or restart run is doing now (validate…, reload…, verify…).',
    params: z.object({ runId: guidanceRunIdSchema }).strict(),
    payload: guidanceProgressSchema,
    matches: (params, payload) => params.runId === payload.runId,
  }),
} as const;
