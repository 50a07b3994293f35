import { z } from 'zod';
import { errorCodeSchema } from '../errors';
import { connectionIdSchema } from './connections';
import { containerIdSchema } from './containers';
import { event, method } from './define';
import { ackCountSchema } from './streams';
import { bytesSchema } from './terminal';

/** An absolute path inside a container ("/etc/nginx"); the core normalizes "..", "." and doubled slashes. */
export const containerPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\/[^\0]*$/, 'a path in a container is absolute (starts with "/") and has no NUL byte');

/** Chosen by the client (a UUID) so it can subscribe to a download's bytes before starting it. */
export const transferIdSchema = z.uuid({ message: 'a transfer id is a UUID' });

/**
 * A name for a file put into a folder: one path component, so an upload can never land outside the
 * folder it was dropped on ("../x", "a/b", "." and ".." are refused).
 */
export const uploadNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !name.includes('/'), { message: 'a file name cannot contain "/"' })
  .refine((name) => !name.includes('\0'), { message: 'a file name cannot contain a NUL byte' })
  .refine((name) => name !== '.' && name !== '..', { message: 'a file name cannot be "." or ".."' });

export const fileTypeSchema = z.enum(['file', 'dir', 'symlink', 'other']);
export type FileType = z.infer<typeof fileTypeSchema>;

export const fileEntrySchema = z.object({
  name: z.string(),
  /** `other` is a device, a FIFO or a socket (the first letter of `mode` says which). */
  type: fileTypeSchema,
  /** Bytes of a file; null for a folder, or when the archive did not say (a hard link, a folder seen only through its contents). */
  size: z.number().nullable(),
  /** As `ls -l` shows it: "drwxr-xr-x", "-rwsr-xr-x"; "" when unknown. */
  mode: z.string(),
  /** Last modification, milliseconds since the epoch; null when unknown. */
  mtime: z.number().nullable(),
  uid: z.number().nullable(),
  gid: z.number().nullable(),
  /** Owner names, when the archive carries them. */
  user: z.string().optional(),
  group: z.string().optional(),
  /** A symlink's target as stored in the link ("usr/bin", "/proc/mounts"). */
  linkTarget: z.string().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

const where = {
  connectionId: connectionIdSchema,
  containerId: containerIdSchema,
};

/** Most entries one listing returns; a larger folder comes back incomplete, and says so. */
export const MAX_LIST_ENTRIES = 20_000;
/** Most changes one files.changes returns. */
export const MAX_CHANGES = 20_000;
/** Most bytes one files.write call may carry: a larger file is sent in several calls. */
export const MAX_UPLOAD_CHUNK_BYTES = 1 << 20;
/** Most files one upload may carry. */
export const MAX_UPLOAD_FILES = 1000;

export const filesListOutputSchema = z.object({
  /** The folder as asked, normalized. */
  path: z.string(),
  /** Where it really is once symlinks are followed ("/usr/bin" for "/bin"); equal to path when no link is involved. */
  target: z.string(),
  entries: z.array(fileEntrySchema).max(MAX_LIST_ENTRIES),
  /** False when the listing stopped early (a very large folder): some entries may be missing. */
  complete: z.boolean(),
  /** Why it is incomplete and what to do; "" when complete. */
  message: z.string(),
});
export type FilesListing = z.infer<typeof filesListOutputSchema>;

export const fileStatSchema = z.object({
  path: z.string(),
  name: z.string(),
  type: fileTypeSchema,
  size: z.number(),
  mode: z.string(),
  mtime: z.number().nullable(),
  /** Where a symlink ends, fully resolved by the engine; "" when the path is no link. */
  linkTarget: z.string(),
  /** What the link ends at (a folder, a file…); absent when the path is no link or the link dangles. */
  targetType: fileTypeSchema.optional(),
});
export type FileStat = z.infer<typeof fileStatSchema>;

export const fileChangeKindSchema = z.enum(['modified', 'added', 'deleted']);
export type FileChangeKind = z.infer<typeof fileChangeKindSchema>;

export const fileChangeSchema = z.object({ path: z.string(), kind: fileChangeKindSchema });
export type FileChange = z.infer<typeof fileChangeSchema>;

export const downloadEndReasonSchema = z.enum([
  /** Every byte was sent. */
  'complete',
  /** The client cancelled it. */
  'cancelled',
  /** The engine, the container or the file went away mid-way (message says which). */
  'failed',
]);
export type DownloadEndReason = z.infer<typeof downloadEndReasonSchema>;

export const fileTransferSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('data'),
    transferId: transferIdSchema,
    /** Where these bytes start in the download (so a client can check nothing was lost). */
    offset: z.number(),
    data: bytesSchema,
  }),
  z.object({
    type: z.literal('ended'),
    transferId: transferIdSchema,
    reason: downloadEndReasonSchema,
    /** Bytes sent in all. */
    bytes: z.number(),
    /** What happened and what to do next ("" when complete). */
    message: z.string(),
  }),
]);
export type FileTransfer = z.infer<typeof fileTransferSchema>;

export const uploadFileResultSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  /** Why it failed (CONFLICT: it exists and was not to be replaced; PERMISSION_DENIED: read-only…). */
  code: errorCodeSchema.optional(),
  /** "written", or what went wrong and what to do. */
  message: z.string(),
});
export type UploadFileResult = z.infer<typeof uploadFileResultSchema>;

const transferRef = z.object({ transferId: transferIdSchema }).strict();

export const filesMethods = {
  'files.list': method({
    summary:
      "A folder's entries in a container, read through the archive API: works with no shell in the image, running or stopped.",
    input: z.object({ ...where, path: containerPathSchema }).strict(),
    output: filesListOutputSchema,
    timeoutMs: 30_000,
  }),
  'files.stat': method({
    summary: 'What one path in a container is (file, folder, link and where it ends), without reading it.',
    input: z.object({ ...where, path: containerPathSchema }).strict(),
    output: fileStatSchema,
  }),
  'files.changes': method({
    summary:
      'What the container changed against its image (`docker diff`): paths added, modified and deleted, sorted by path.',
    input: z.object(where).strict(),
    output: z.object({
      changes: z.array(fileChangeSchema).max(MAX_CHANGES),
      /** How many changes the engine reported (more than `changes` holds when it was cut). */
      total: z.number(),
    }),
    timeoutMs: 60_000,
  }),
  'files.download': method({
    summary:
      'Starts a download (subscribe to files.transfer with the same transferId first): a file comes as its bytes, a folder as a tar.',
    input: z.object({ transferId: transferIdSchema, ...where, path: containerPathSchema }).strict(),
    output: z.object({
      transferId: transferIdSchema,
      kind: z.enum(['file', 'folder']),
      /** A name to save it under: the file's name, or the folder's name + ".tar". */
      name: z.string(),
      /** The path read, symlinks followed. */
      path: z.string(),
      /** Bytes to expect, when known (a file's size; null for a folder's tar). */
      total: z.number().nullable(),
    }),
    timeoutMs: 30_000,
  }),
  'files.ack': method({
    summary:
      'Says how many downloaded bytes the client has stored since its last ack; a download pauses while too many are unacknowledged.',
    input: z.object({ transferId: transferIdSchema, bytes: ackCountSchema }).strict(),
    output: z.null(),
  }),
  'files.cancel': method({
    summary: 'Stops a download or an upload (a file being written is left incomplete or absent).',
    input: transferRef,
    output: z.null(),
  }),
  'files.upload': method({
    summary:
      'Starts an upload of files into a folder of a container; their bytes follow with files.write, in order.',
    input: z
      .object({
        transferId: transferIdSchema,
        ...where,
        dir: containerPathSchema,
        files: z
          .array(
            z
              .object({
                name: uploadNameSchema,
                size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
                /** Replace a file of that name; when false an existing one makes this file fail with CONFLICT. */
                replace: z.boolean().default(false),
              })
              .strict(),
          )
          .min(1)
          .max(MAX_UPLOAD_FILES),
      })
      .strict(),
    output: z.object({
      transferId: transferIdSchema,
      /** The folder written, symlinks followed. */
      dir: z.string(),
    }),
  }),
  'files.write': method({
    summary:
      "The next bytes of one file of an upload (files in order; an empty file takes one empty write). Answers once they are passed on; the file's result comes with its last bytes.",
    input: z
      .object({
        transferId: transferIdSchema,
        /** Which file of the upload these bytes belong to. */
        index: z
          .number()
          .int()
          .min(0)
          .max(MAX_UPLOAD_FILES - 1),
        data: bytesSchema.refine((b) => b.byteLength <= MAX_UPLOAD_CHUNK_BYTES, {
          message: `at most ${MAX_UPLOAD_CHUNK_BYTES} bytes per call`,
        }),
      })
      .strict(),
    output: z.object({
      /** Bytes of this file received so far. */
      received: z.number(),
      /** Present once this file is done: written, or failed (then send no more of its bytes). */
      result: uploadFileResultSchema.optional(),
    }),
    timeoutMs: 120_000,
  }),
} as const;

export const filesEvents = {
  'files.transfer': event({
    summary: "A download's bytes, in order, and how it ended.",
    params: transferRef,
    payload: fileTransferSchema,
    matches: (params, payload) => params.transferId === payload.transferId,
  }),
} as const;
