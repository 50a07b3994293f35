import { z } from 'zod';
import { connectionIdSchema } from './connections';
import { actionResultSchema } from './containers';
import { method } from './define';
import { containerRefSchema, listMethod, pruneMethod } from './resources';

/**
 * An image as people name it: an id (`sha256:…` or a hex prefix) or a reference (`repo:tag`,
 * `registry:5000/team/app:1`, `repo@sha256:…`). It goes into the request path, so no `..`, `?` or `#`.
 */
export const imageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*$/, 'an image is an id or a reference such as repo:tag')
  .refine((ref) => !ref.includes('..'), 'an image reference has no ".."');

/** One image as the list shows it; the key across engines is `${connectionId}/${id}`. */
export const imageRowSchema = z.object({
  connectionId: connectionIdSchema,
  /** `sha256:…` */
  id: z.string(),
  /** `repo:tag` names; empty for a dangling image (shown as `<none>`). */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** No name points at it: what a plain prune removes once no container uses it. */
  dangling: z.boolean(),
  /** Bytes, its layers included (layers shared with other images are counted in each). */
  size: z.number(),
  /** ms since the epoch. */
  created: z.number(),
  labels: z.record(z.string(), z.string()),
  /** Containers created from it, running or not (it cannot be removed without force while they exist). */
  containers: z.array(containerRefSchema),
});
export type ImageRow = z.infer<typeof imageRowSchema>;

export const imageLayerSchema = z.object({
  /** The image id of this step; null for steps of a base image pulled without its history (`<missing>`). */
  id: z.string().nullable(),
  /** ms since the epoch. */
  created: z.number(),
  /** The Dockerfile instruction or command that made it. */
  createdBy: z.string(),
  /** Bytes this step added (0 for metadata-only steps such as ENV or CMD). */
  size: z.number(),
  tags: z.array(z.string()),
  comment: z.string(),
});
export type ImageLayer = z.infer<typeof imageLayerSchema>;

export const imageRemoveResultSchema = actionResultSchema.extend({
  /** Names that were removed from the image. */
  untagged: z.array(z.string()),
  /** Image and layer ids that were deleted (empty when the image stays under another name). */
  deleted: z.array(z.string()),
});
export type ImageRemoveResult = z.infer<typeof imageRemoveResultSchema>;

export const imagesMethods = {
  'images.list': listMethod(
    'Images of every connected engine (or of the given connections) with the containers using each, and the connections that failed beside them.',
    imageRowSchema,
  ),
  'images.history': method({
    summary: 'The layers of an image, newest first: what made each one and what it added.',
    input: z.object({ connectionId: connectionIdSchema, image: imageRefSchema }).strict(),
    output: z.object({ layers: z.array(imageLayerSchema) }),
    timeoutMs: 30_000,
  }),
  'images.remove': method({
    summary:
      'Removes images or names of images on one connection, with a result per item. A name (repo:tag) only untags while another name points at the same image; force deletes images that stopped containers use, or that have several names.',
    input: z
      .object({
        connectionId: connectionIdSchema,
        refs: z.array(imageRefSchema).min(1).max(100),
        force: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ results: z.array(imageRemoveResultSchema) }),
    timeoutMs: 600_000,
  }),
  'images.prune': pruneMethod(
    'Removes dangling images no container uses (or, with all, every image no container uses); a dry run says what would go and the space it frees.',
    600_000,
    {
      /** Also images that have a name, like `docker image prune -a`. */
      all: z.boolean().default(false),
    },
  ),
} as const;
