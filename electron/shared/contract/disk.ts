import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { connectionFailureSchema } from './containers';
import { method } from './define';
import { acrossEnginesInputSchema } from './resources';

/** One kind of object in a disk-use summary, counted like `docker system df`. */
export const diskUseSchema = z.object({
  count: z.number(),
  /** In use: images with containers, running containers, volumes with references, build cache in use. */
  active: z.number(),
  /** Bytes; null when the engine does not report it (volume sizes of some drivers). */
  size: z.number().nullable(),
  /** Bytes a prune could free; null when unknown. */
  reclaimable: z.number().nullable(),
});
export type DiskUse = z.infer<typeof diskUseSchema>;

export const engineDiskUsageSchema = z.object({
  connectionId: connectionIdSchema,
  images: diskUseSchema,
  /** The containers' writable layers. */
  containers: diskUseSchema,
  volumes: diskUseSchema,
  buildCache: diskUseSchema,
});
export type EngineDiskUsage = z.infer<typeof engineDiskUsageSchema>;

export const diskMethods = {
  'disk.usage': method({
    summary:
      'Disk use of every connected engine (or of the given connections), like `docker system df`: images, containers, volumes, build cache. Slow on big engines (the engine measures every volume); ask on demand.',
    input: acrossEnginesInputSchema,
    output: z.object({
      engines: z.array(engineDiskUsageSchema),
      failures: z.array(connectionFailureSchema),
    }),
    timeoutMs: 190_000,
  }),
} as const;
