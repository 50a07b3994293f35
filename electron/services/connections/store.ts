import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { connectionIdSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { parseEndpoint } from '../../shared/endpoint';
import { uniqueId } from './slug';

const storedSchema = z.object({
  id: connectionIdSchema,
  name: z.string().min(1).max(80),
  endpoint: z.string().refine((value) => {
    try {
      parseEndpoint(value);
      return true;
    } catch {
      return false;
    }
  }, 'not a usable endpoint'),
  tls: z.object({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }).optional(),
  ssh: z
    .object({
      identityFile: z.string().min(1).optional(),
      remoteSocket: z.string().startsWith('/').optional(),
    })
    .optional(),
});
const fileSchema = z.object({ version: z.literal(1), connections: z.array(storedSchema) });

/** A user-added connection as it is kept on disk (no secrets: TLS material stays in its files). */
export type StoredConnection = z.infer<typeof storedSchema>;

export interface LoadResult {
  readonly entries: StoredConnection[];
  /** Set when the file was unreadable and has been kept aside: say so to the user. */
  readonly problem?: string;
}

/** `<dataDir>/connections.json`: written atomically (temp file + rename), mode 0600. */
export class ConnectionStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, 'connections.json');
  }

  async load(): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
      throw new AppError(
        'UNAVAILABLE',
        `Bosun cannot read ${this.path} (${(error as NodeJS.ErrnoException).code}).`,
        {
          hint: 'Check the permissions of the Bosun data directory.',
        },
      );
    }
    const parsed = safeParse(text);
    if (parsed.success) return uniqueIds(parsed.data.connections, this.path);
    const aside = `${this.path}.corrupt-${this.now()}`;
    await rename(this.path, aside);
    return {
      entries: [],
      problem:
        `${this.path} was unreadable (${parsed.error}); it was kept as ${aside} and Bosun started without ` +
        'your added connections. Add them again, or repair that file and move it back.',
    };
  }

  /** Replaces the file's content; writes are serialized so the last save wins whole. */
  save(entries: readonly StoredConnection[]): Promise<void> {
    const run = this.queue.then(() => this.write(entries));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(entries: readonly StoredConnection[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const body = `${JSON.stringify({ version: 1, connections: entries }, null, 2)}\n`;
    try {
      const file = await open(temp, 'wx', 0o600);
      try {
        await file.writeFile(body, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new AppError(
        'UNAVAILABLE',
        `Bosun could not save ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'write failed'}). Check free space and the permissions of that directory.`,
      );
    }
  }
}

/**
 * Ids are how sessions, events and the CLI name a connection, so two entries must never share one (a
 * hand-edited file can have them): the later one gets a suffix, and the next save writes it down.
 */
function uniqueIds(entries: readonly StoredConnection[], path: string): LoadResult {
  // Only a repeated id changes; a suffix never takes an id another entry already has.
  const taken = new Set(entries.map((entry) => entry.id));
  const seen = new Set<string>();
  const renamed: string[] = [];
  const unique = entries.map((entry) => {
    if (!seen.has(entry.id)) {
      seen.add(entry.id);
      return entry;
    }
    const id = uniqueId(entry.id, taken);
    taken.add(id);
    renamed.push(`"${entry.name}" (${entry.id} → ${id})`);
    return { ...entry, id };
  });
  if (renamed.length === 0) return { entries: unique };
  return {
    entries: unique,
    problem: `${path} listed the same id more than once; Bosun renamed ${renamed.join(', ')}.`,
  };
}

function safeParse(
  text: string,
): { success: true; data: z.infer<typeof fileSchema> } | { success: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { success: false, error: `not JSON: ${(error as Error).message}` };
  }
  const result = fileSchema.safeParse(json);
  if (result.success) return { success: true, data: result.data };
  const issue = result.error.issues[0];
  return {
    success: false,
    error: `${issue?.path.join('.') || 'content'}: ${issue?.message ?? 'unexpected'}`,
  };
}
