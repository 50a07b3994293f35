import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

/** What the user chose for one kubeconfig context. */
export interface ContextSettings {
  /** The namespaces whose pods are watched; null for all. */
  readonly namespaces: string[] | null;
  /** The SSH connection (a bastion) the cluster's API server is reached through; null for directly. */
  readonly via: string | null;
}

const NONE: ContextSettings = { namespaces: null, via: null };

type Stored = Record<string, { namespaces?: string[]; via?: string }>;

/**
 * `<dataDir>/kube-contexts.json`: the user's choices per kubeconfig context (namespaces, SSH tunnel).
 * Keyed by context name, so a choice follows the context. Written whole to a temp file and renamed into
 * place, one write at a time, so a crash never leaves half a file.
 */
export class ContextSettingsStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, 'kube-contexts.json');
  }

  /** A context's settings (the defaults when the file cannot be read: logged). */
  async get(context: string, log: (message: string) => void): Promise<ContextSettings> {
    try {
      const entry = (await this.read())[context];
      return { namespaces: entry?.namespaces ?? null, via: entry?.via ?? null };
    } catch {
      log(
        `${this.path} cannot be read; ${context} watches all namespaces and is reached directly. Choose again, or remove that file.`,
      );
      return NONE;
    }
  }

  setNamespaces(context: string, namespaces: readonly string[] | null): Promise<void> {
    return this.change(context, (entry) => {
      if (namespaces === null) delete entry.namespaces;
      else entry.namespaces = [...namespaces];
    });
  }

  setVia(context: string, via: string | null): Promise<void> {
    return this.change(context, (entry) => {
      if (via === null) delete entry.via;
      else entry.via = via;
    });
  }

  private change(
    context: string,
    edit: (entry: { namespaces?: string[]; via?: string }) => void,
  ): Promise<void> {
    const run = this.queue.then(async () => {
      const stored = await this.read().catch((): Stored => ({}));
      const entry = { ...stored[context] };
      edit(entry);
      if (entry.namespaces === undefined && entry.via === undefined) delete stored[context];
      else stored[context] = entry;
      await this.write(stored);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Stored> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    const stored: Stored = {};
    for (const [context, value] of Object.entries(parsed)) {
      if (typeof value !== 'object' || value === null) continue;
      const { namespaces, via } = value as { namespaces?: unknown; via?: unknown };
      const entry: { namespaces?: string[]; via?: string } = {};
      if (
        Array.isArray(namespaces) &&
        namespaces.length > 0 &&
        namespaces.every((n) => typeof n === 'string')
      )
        entry.namespaces = namespaces as string[];
      if (typeof via === 'string' && via !== '') entry.via = via;
      stored[context] = entry;
    }
    return stored;
  }

  private async write(stored: Stored): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      await writeFile(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new AppError(
        'UNAVAILABLE',
        `Bosun could not save the cluster settings in ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'write failed'}). Check free space and the permissions of that directory.`,
      );
    }
  }
}
