import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { connectionFailureSchema, containerStateSchema } from './containers';
import { event, method } from './define';

/** What images, volumes and networks share: who uses them, label filters, prune plans and results. */

export const resourceKindSchema = z.enum(['image', 'volume', 'network']);
export type ResourceKind = z.infer<typeof resourceKindSchema>;

/**
 * A label filter as `docker … prune --filter label=` takes it: `key` (has the label) or `key=value`.
 * Prunes accept one, so scripts (and tests) can scope a prune to what they created.
 */
export const labelFilterSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^=\s]+(=[^\n\r]*)?$/, 'a label filter is key or key=value');

/** What a read across engines takes: every connected engine, or only these. */
export const acrossEnginesInputSchema = z
  .object({ connectionIds: z.array(connectionIdSchema).max(100).optional() })
  .strict();

/**
 * A list across engines (images, volumes, networks): the rows of every engine that answered, and
 * beside them the engines that failed, so a view or a script never mistakes "unreachable" for "empty".
 */
export function listMethod<R extends z.ZodType>(summary: string, row: R) {
  return method({
    summary,
    input: acrossEnginesInputSchema,
    output: z.object({ rows: z.array(row), failures: z.array(connectionFailureSchema) }),
    timeoutMs: 60_000,
  });
}

/** A container that uses an image, mounts a volume or is attached to a network. */
export const containerRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
});
export type ContainerRef = z.infer<typeof containerRefSchema>;

/** One item a prune removes (dry run) or removed, with what became of it. */
export const pruneItemSchema = z.object({
  /** The engine's id (images, networks) or the volume's name. */
  id: z.string(),
  /** What people call it: repo:tag, `<none>`, the volume or network name. */
  name: z.string(),
  /** Bytes; null when the engine does not say (volume sizes on some drivers). */
  size: z.number().nullable(),
  /** After a real prune: whether it went, and when not, why. Absent in a dry run. */
  outcome: z.object({ ok: z.boolean(), message: z.string() }).optional(),
});
export type PruneItem = z.infer<typeof pruneItemSchema>;

export const pruneResultSchema = z.object({
  connectionId: connectionIdSchema,
  dryRun: z.boolean(),
  /** What will go (dry run) or what went and what stayed (the plan's items, then any the engine removed beyond it). */
  items: z.array(pruneItemSchema),
  /** The sum of the known sizes of the items; for images an upper bound (layers shared with kept images stay). */
  estimatedBytes: z.number(),
  /** What the engine says it freed (after a real prune); null in a dry run or when the engine does not say. */
  spaceReclaimed: z.number().nullable(),
  /** What this prune does and does not touch on this engine, in words, for the confirmation. */
  notes: z.array(z.string()),
});
export type PruneResult = z.infer<typeof pruneResultSchema>;

/** Input every prune takes. A dry run is explicit: a prune never happens by default. */
const pruneInputShape = {
  connectionId: connectionIdSchema,
  /** true: only say what would go (and how much space that frees); false: remove it. */
  dryRun: z.boolean(),
  /** Only objects with this label (`key` or `key=value`). */
  label: labelFilterSchema.optional(),
};

/**
 * A prune on one engine, with the input every prune takes plus the kind's own switches in `extra`
 * (the `all` of images and of volumes: alike in type, not in what they remove).
 */
export function pruneMethod<S extends Record<string, z.ZodType>>(
  summary: string,
  timeoutMs: number,
  extra: S,
) {
  return method({
    summary,
    input: z.object({ ...pruneInputShape, ...extra }).strict(),
    output: pruneResultSchema,
    timeoutMs,
  });
}

export const resourcesEvents = {
  'resources.changed': event({
    summary:
      'Images, volumes or networks changed on a connection (or the containers using them did): re-read that list.',
    params: z
      .object({
        connectionIds: z.array(connectionIdSchema).max(100).optional(),
        kinds: z.array(resourceKindSchema).max(3).optional(),
      })
      .strict(),
    payload: z.object({ connectionId: connectionIdSchema, kind: resourceKindSchema }),
    matches: (params, payload) =>
      (!params.connectionIds || params.connectionIds.includes(payload.connectionId)) &&
      (!params.kinds || params.kinds.includes(payload.kind)),
  }),
} as const;
