import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { containerIdSchema, portSchema } from './containers';
import { method } from './define';

/** What a masked value reads as: the same eight characters whatever its length, so the length leaks nothing. */
export const SECRET_MASK = '********';

/**
 * The largest raw inspect document (compact JSON, in characters) Bosun passes on. Inspect documents are
 * a few kilobytes; a larger one (thousands of labels) still gets its summary, and `raw` is left out
 * with a note saying so rather than a frame too big for the transport.
 */
export const MAX_RAW_INSPECT_CHARS = 1024 * 1024;

/** A time as the engine gives it, to the second, in UTC ("2025-11-24T21:15:27Z"). */
const timeSchema = z.string();

/** An argv (Cmd, Entrypoint, Path + Args) and the same words as one line a POSIX shell splits back. */
const argvSchema = z.object({ argv: z.array(z.string()), line: z.string() });

/**
 * Entrypoint or Cmd as the container runs it, and where that came from: the image's default, or set
 * on the container (`docker run --entrypoint`, a command after the image, compose's `command:`).
 */
export const commandPartSchema = z.object({
  /** What the container runs with; absent when there is none. */
  effective: argvSchema.optional(),
  /** `unknown` when the image is no longer on the engine, so there is nothing to compare with. */
  source: z.enum(['image', 'container', 'unknown']),
  /** The image's own default, when the container set something else (absent when it has none). */
  image: argvSchema.optional(),
});

/** One environment variable; `secret` says why it counts as one, whether or not it is masked now. */
export const envVarSchema = z.object({
  name: z.string(),
  /** The value, or with the secret part replaced by SECRET_MASK unless revealed. */
  value: z.string(),
  /** `name`: the name says password, token…; `url`: the value holds a URL with user:password@. */
  secret: z.enum(['name', 'url']).optional(),
  masked: z.boolean(),
});
export type EnvVar = z.infer<typeof envVarSchema>;

const keyValueSchema = z.object({ key: z.string(), value: z.string() });

export const healthResultSchema = z.object({
  start: timeSchema,
  /** How long the check ran, in ms (absent when the engine did not record an end). */
  durationMs: z.number().optional(),
  exitCode: z.number().int(),
  /** Its output, trimmed and cut to a few lines. */
  output: z.string(),
});

export const healthcheckSchema = z.object({
  /** How the test runs: CMD (exec), CMD-SHELL (through /bin/sh -c), or NONE (the image's check turned off). */
  kind: z.string(),
  test: argvSchema,
  /** Readable durations; "(default)" when the engine's default applies. */
  interval: z.string(),
  timeout: z.string(),
  startPeriod: z.string(),
  retries: z.string(),
  status: z.string().optional(),
  failingStreak: z.number().int(),
  /** The latest results first (the engine keeps the last five). */
  log: z.array(healthResultSchema),
});

export const mountSchema = z.object({
  type: z.string(),
  source: z.string(),
  destination: z.string(),
  mode: z.enum(['rw', 'ro']),
  propagation: z.string(),
  /** Volumes only. */
  volumeName: z.string().optional(),
  /** A volume the engine named with a random id (no name given): removed with `docker rm -v`. */
  anonymous: z.boolean(),
  driver: z.string().optional(),
});

export const networkSchema = z.object({
  name: z.string(),
  /** Address with prefix length ("172.29.0.3/16"), "" when none. */
  ipAddress: z.string(),
  ipv6Address: z.string(),
  gateway: z.string(),
  macAddress: z.string(),
  aliases: z.array(z.string()),
});

/** A container's configuration and state as people read it: computed once in the core for every face. */
export const inspectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The image as the container was created from it (Config.Image), and its id. */
  image: z.object({ ref: z.string(), id: z.string() }),
  created: timeSchema,
  state: z.object({
    status: z.string(),
    startedAt: timeSchema.optional(),
    finishedAt: timeSchema.optional(),
    exitCode: z.number().int(),
    oomKilled: z.boolean(),
    restartCount: z.number().int(),
    error: z.string().optional(),
    health: z.string().optional(),
  }),
  /** PID 1: its pid on the engine's host (absent when not running) and what it runs (Path + Args). */
  pid1: z.object({ hostPid: z.number().int().optional(), command: argvSchema }),
  entrypoint: commandPartSchema,
  cmd: commandPartSchema,
  /** "/" when the container sets none. */
  workingDir: z.string(),
  /** Config.User; "" means the image's default, which is root unless the image set USER. */
  user: z.string(),
  env: z.array(envVarSchema),
  restartPolicy: z.object({ name: z.string(), maxRetries: z.number().int() }),
  /** Absent when the container has no healthcheck. */
  healthcheck: healthcheckSchema.optional(),
  /** Compose labels (com.docker.compose.*) first, then the others, each sorted by key. */
  labels: z.object({ compose: z.array(keyValueSchema), other: z.array(keyValueSchema) }),
  mounts: z.array(mountSchema),
  networkMode: z.string(),
  networks: z.array(networkSchema),
  /** Published bindings and exposed-only ports, in the list's shape (formatPorts reads both). */
  ports: z.array(portSchema),
  /** Only the limits that are set, readable ("512 MiB", "1.5 CPUs"). */
  resources: z.array(keyValueSchema),
  security: z.object({
    privileged: z.boolean(),
    readOnlyRootfs: z.boolean(),
    capAdd: z.array(z.string()),
    capDrop: z.array(z.string()),
    securityOpt: z.array(z.string()),
  }),
  /** What this summary left out or could not tell (values cut, an image no longer there). */
  notes: z.array(z.string()),
});
export type InspectSummary = z.infer<typeof inspectSummarySchema>;
export type CommandPart = z.infer<typeof commandPartSchema>;

export const inspectResultSchema = z.object({
  summary: inspectSummarySchema,
  /**
   * The engine's document (GET /containers/{id}/json) with secrets masked unless revealed; null when
   * it is larger than MAX_RAW_INSPECT_CHARS (the summary's notes say so).
   */
  raw: z.record(z.string(), z.unknown()).nullable(),
  /** How many values hold a secret (masked now, or shown because `reveal` was asked for). */
  secrets: z.number().int(),
  revealed: z.boolean(),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

export const inspectMethods = {
  'containers.inspect': method({
    summary:
      "A container's configuration and state: a readable summary and the engine's raw document, secrets masked unless revealed.",
    input: z
      .object({
        connectionId: connectionIdSchema,
        containerId: containerIdSchema,
        /** Show secret values as they are (the user asked, e.g. "Reveal secrets"); masked by default. */
        reveal: z.boolean().default(false),
      })
      .strict(),
    output: inspectResultSchema,
    timeoutMs: 30_000,
  }),
} as const;
