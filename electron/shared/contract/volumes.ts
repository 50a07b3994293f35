import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { actionResultSchema } from './containers';
import { method } from './define';
import { containerRefSchema, listMethod, pruneMethod } from './resources';

/** A volume name as the local driver allows it (it goes into the request path). */
export const volumeNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a volume name is letters, digits, "_", "." or "-"');

export const volumeRowSchema = z.object({
  connectionId: connectionIdSchema,
  name: z.string(),
  driver: z.string(),
  /** Where its data lives on the engine's host. */
  mountpoint: z.string(),
  /** ms since the epoch; null when the driver does not say. */
  created: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  /** Driver options (type, o, device: an NFS or CIFS mount shows here). */
  options: z.record(z.string(), z.string()),
  scope: z.string(),
  /** Made by the engine for a container (no name given): a 64-hex name or the engine's anonymous label. */
  anonymous: z.boolean(),
  /** Containers that mount it, running or not (the engine refuses to remove it while they exist). */
  usedBy: z.array(containerRefSchema),
});
export type VolumeRow = z.infer<typeof volumeRowSchema>;

export const volumeUsageSchema = z.object({
  name: z.string(),
  /** Bytes; null when the engine does not report it (other drivers, or not computed). */
  size: z.number().nullable(),
  /** Containers referencing it, as the engine counts them; null when it does not say. */
  refCount: z.number().nullable(),
});
export type VolumeUsage = z.infer<typeof volumeUsageSchema>;

export const volumesMethods = {
  'volumes.list': listMethod(
    'Volumes of every connected engine (or of the given connections) with the containers mounting each, and the connections that failed beside them.',
    volumeRowSchema,
  ),
  'volumes.usage': method({
    summary:
      "The size and reference count of every volume of one connection (the engine walks each volume's files: slow on big volumes, so only on demand).",
    input: z.object({ connectionId: connectionIdSchema }).strict(),
    output: z.object({ volumes: z.array(volumeUsageSchema) }),
    timeoutMs: 190_000,
  }),
  'volumes.remove': method({
    summary:
      'Removes volumes of one connection, with a result per volume (a volume a container uses is refused, naming the containers).',
    input: z
      .object({ connectionId: connectionIdSchema, names: z.array(volumeNameSchema).min(1).max(100) })
      .strict(),
    output: z.object({ results: z.array(actionResultSchema) }),
    timeoutMs: 600_000,
  }),
  'volumes.prune': pruneMethod(
    'Removes volumes no container uses: anonymous ones only, unless all (engines older than API 1.42 prune named ones too; the notes say which); a dry run says what would go.',
    600_000,
    {
      /** Named volumes too, like `docker volume prune --all`. */
      all: z.boolean().default(false),
    },
  ),
} as const;
