import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { event, method } from './define';

export const containerIdSchema = z
  .string()
  .regex(/^[a-f0-9]{12,64}$/, 'a container id is 12 to 64 hex digits');

export const containerStateSchema = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);
export const healthSchema = z.enum(['healthy', 'unhealthy', 'starting']);

export const portSchema = z.object({
  privatePort: z.number().int(),
  publicPort: z.number().int().optional(),
  ip: z.string().optional(),
  type: z.enum(['tcp', 'udp', 'sctp']),
});

/** One container as the list shows it; the key across engines is `${connectionId}/${id}`. */
export const containerRowSchema = z.object({
  id: z.string(),
  connectionId: connectionIdSchema,
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  /** When the container was created, in ms since the epoch (the engine's seconds × 1000). */
  created: z.number(),
  state: containerStateSchema,
  status: z.string(),
  health: healthSchema.optional(),
  ports: z.array(portSchema),
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
  labels: z.record(z.string(), z.string()),
});
export type ContainerRow = z.infer<typeof containerRowSchema>;
export type ContainerState = z.infer<typeof containerStateSchema>;
export type ContainerPort = z.infer<typeof portSchema>;

/** A connection whose containers could not be read, returned beside the rows (never a silent empty list). */
export const connectionFailureSchema = z.object({
  connectionId: connectionIdSchema,
  code: z.string(),
  message: z.string(),
});

export const lifecycleActionSchema = z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause']);
export type LifecycleAction = z.infer<typeof lifecycleActionSchema>;

/** A signal by name (HUP, SIGHUP, SIGRTMIN+3) or number, as `docker kill --signal` takes it. */
export const signalSchema = z
  .string()
  .max(16)
  .regex(
    /^(SIG)?[A-Z][A-Z0-9]*([+-][0-9]+)?$|^[0-9]{1,2}$/,
    'a signal is a name such as HUP or SIGTERM, or a number',
  );

export const actionResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** What happened ("stopped", "already running") or, when not ok, what went wrong and what to do. */
  message: z.string(),
  code: z.string().optional(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

/** A remove's result: the action result plus what happened to the container's anonymous volumes. */
export const removeResultSchema = actionResultSchema.extend({
  /** Anonymous volumes that went with the container. */
  removedVolumes: z.array(z.string()).optional(),
  /** Anonymous volumes still on the engine afterwards (not asked to remove them, or another container uses them). */
  keptVolumes: z.array(z.string()).optional(),
});
export type RemoveResult = z.infer<typeof removeResultSchema>;

/** A volume created for the container alone (no name given): `docker rm -v` removes it, data and all. */
export const anonymousVolumeSchema = z.object({
  name: z.string(),
  /** Where the container mounts it. */
  destination: z.string(),
  /** Bytes, when the engine reports volume sizes (API 1.42 and later); absent means unknown. */
  sizeBytes: z.number().optional(),
  /** Names of containers outside this removal that mount it too: the engine keeps it even with removeVolumes. */
  sharedWith: z.array(z.string()),
});
export type AnonymousVolume = z.infer<typeof anonymousVolumeSchema>;

/** A mount whose data outlives the container: a named volume or a bind mount of a host path. */
export const keptMountSchema = z.object({
  type: z.enum(['volume', 'bind']),
  /** The volume's name, or the host path of a bind mount. */
  source: z.string(),
  destination: z.string(),
});
export type KeptMount = z.infer<typeof keptMountSchema>;

/** What removing one container loses, and what it keeps. */
export const removalImpactSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
  /** Running, paused or restarting: the engine refuses to remove it without force (which kills it first). */
  running: z.boolean(),
  /** Bytes written into the container's own layer (SizeRw), lost with it; absent when the engine did not say. */
  writableBytes: z.number().optional(),
  anonymousVolumes: z.array(anonymousVolumeSchema),
  kept: z.array(keptMountSchema),
});
export type RemovalImpact = z.infer<typeof removalImpactSchema>;

export const containersMethods = {
  'containers.list': method({
    summary:
      'Containers of every connected engine (or of the given connections), with the connections that failed beside them.',
    input: z
      .object({
        connectionIds: z.array(connectionIdSchema).max(100).optional(),
        /** Only these containers (full or short ids): how a client re-reads what an event said changed. */
        ids: z.array(containerIdSchema).max(1000).optional(),
        /** Include stopped containers, like `docker ps -a`. */
        all: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ rows: z.array(containerRowSchema), failures: z.array(connectionFailureSchema) }),
    timeoutMs: 30_000,
  }),
  'containers.act': method({
    summary:
      'Starts, stops, restarts, kills (with any signal), pauses or unpauses containers of one connection, with a result per container.',
    input: z
      .object({
        connectionId: connectionIdSchema,
        ids: z.array(containerIdSchema).min(1).max(100),
        action: lifecycleActionSchema,
        /** kill only; KILL when absent. */
        signal: signalSchema.optional(),
        /** stop and restart: seconds to wait before killing (the container's own StopTimeout when absent). */
        timeoutSeconds: z.number().int().min(0).max(3600).optional(),
      })
      .strict(),
    output: z.object({ results: z.array(actionResultSchema) }),
    timeoutMs: 3_700_000,
  }),
  'containers.remove': method({
    summary:
      'Removes containers of one connection (optionally with their anonymous volumes), with a result per container.',
    input: z
      .object({
        connectionId: connectionIdSchema,
        ids: z.array(containerIdSchema).min(1).max(100),
        /** Also remove the containers' anonymous volumes (`docker rm -v`); named volumes are never removed. */
        removeVolumes: z.boolean().default(false),
        /** Kill running containers (SIGKILL) and remove them (`docker rm -f`); without it they are refused. */
        force: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ results: z.array(removeResultSchema) }),
    timeoutMs: 600_000,
  }),
  'containers.removalImpact': method({
    summary:
      'What removing these containers would lose (writable layer size, anonymous volumes) and keep, read before asking.',
    input: z
      .object({
        connectionId: connectionIdSchema,
        ids: z.array(containerIdSchema).min(1).max(100),
      })
      .strict(),
    output: z.object({
      containers: z.array(removalImpactSchema),
      /** Containers that could not be read (gone since the list was shown). */
      failures: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
      /** Why volume sizes are missing, when they are (an engine older than API 1.42, or its answer failed). */
      volumeSizesNote: z.string().optional(),
    }),
    timeoutMs: 60_000,
  }),
} as const;

export const containersEvents = {
  'containers.changed': event({
    summary:
      'Containers changed on a connection: re-read these ids (or everything on the connection when `full`).',
    params: z.object({ connectionIds: z.array(connectionIdSchema).max(100).optional() }).strict(),
    payload: z.object({
      connectionId: connectionIdSchema,
      /** Ids that changed, including removed ones (a re-read that misses an id means it is gone). */
      ids: z.array(z.string()),
      /** The whole list may have changed (after a reconnect): re-read it all. */
      full: z.boolean(),
    }),
    matches: (params, payload) =>
      !params.connectionIds || params.connectionIds.includes(payload.connectionId),
  }),
} as const;
