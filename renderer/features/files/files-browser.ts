import type { FileChange, FileEntry, FilesListing } from '../../../electron/shared/contract';
import { AppError, isAppError } from '../../../electron/shared/errors';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import { baseName, join, normalize, parent } from './paths';

export interface ContainerTarget {
  readonly connectionId: string;
  readonly containerId: string;
}

export interface BrowserSnapshot {
  /** The folder shown (or being opened). */
  readonly path: string;
  /** The listing of `path`; the previous folder's stays on screen while the next one is read. */
  readonly listing: FilesListing | undefined;
  readonly loading: boolean;
  readonly error: AppError | undefined;
  /** A passing remark ("passwd is a link to a file"), cleared by the next navigation. */
  readonly notice: string | undefined;
  /** The entry selected in the list (set on opening a folder from the changes, or going up). */
  readonly selected: string | undefined;
  readonly view: 'browse' | 'changes';
  readonly changes: { readonly list: readonly FileChange[]; readonly total: number } | undefined;
  readonly changesLoading: boolean;
  readonly changesError: AppError | undefined;
}

function asAppError(error: unknown, what: string): AppError {
  return isAppError(error) ? error : new AppError('INTERNAL', `${what} failed.`);
}

/** The last folder shown per container, so coming back to the tab opens where one left off. */
const lastPaths = new Map<string, string>();
const LAST_PATHS_KEPT = 100;

function remember(key: string, path: string): void {
  lastPaths.delete(key);
  lastPaths.set(key, path);
  if (lastPaths.size > LAST_PATHS_KEPT) lastPaths.delete(lastPaths.keys().next().value!);
}

/**
 * One Files tab's browsing state: which folder, its listing, the changes view. Answers that arrive
 * after the user moved on are dropped (each navigation has a number), so a slow "/" never overwrites
 * the folder clicked after it.
 */
export class FilesBrowser extends ExternalStore<BrowserSnapshot> {
  private client: BosunClient | undefined;
  private generation = 0;
  private changesGeneration = 0;
  private readonly key: string;

  constructor(private readonly target: ContainerTarget) {
    const key = `${target.connectionId}/${target.containerId}`;
    super({
      path: lastPaths.get(key) ?? '/',
      listing: undefined,
      loading: false,
      error: undefined,
      notice: undefined,
      selected: undefined,
      view: 'browse',
      changes: undefined,
      changesLoading: false,
      changesError: undefined,
    });
    this.key = key;
  }

  /** A (new) client: the folder is read again through it. */
  attach(client: BosunClient | undefined): void {
    this.client = client;
    if (client) void this.open(this.getSnapshot().path, this.getSnapshot().selected);
  }

  async open(path: string, select?: string): Promise<void> {
    const target = normalize(path);
    const generation = ++this.generation;
    const now = this.getSnapshot();
    this.set({ ...now, path: target, loading: true, notice: undefined, selected: select, view: 'browse' });
    if (!this.client) return;
    try {
      const listing = await this.client.call(
        'files.list',
        { ...this.target, path: target },
        { timeoutMs: 40_000 },
      );
      if (generation !== this.generation) return;
      remember(this.key, listing.path);
      this.set({ ...this.getSnapshot(), path: listing.path, listing, loading: false, error: undefined });
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ ...this.getSnapshot(), loading: false, error: asAppError(error, 'Reading the folder') });
    }
  }

  refresh(): Promise<void> {
    return this.open(this.getSnapshot().path, this.getSnapshot().selected);
  }

  select(name: string | undefined): void {
    this.set({ ...this.getSnapshot(), selected: name });
  }

  up(): Promise<void> {
    const { path } = this.getSnapshot();
    return this.open(parent(path), baseName(path) || undefined);
  }

  /** Double-click or Enter on a row: a folder opens; a link is followed when it leads to a folder. */
  async openEntry(entry: FileEntry): Promise<void> {
    const path = join(this.getSnapshot().path, entry.name);
    if (entry.type === 'dir') return this.open(path);
    if (entry.type !== 'symlink' || !this.client) return;
    try {
      const stat = await this.client.call('files.stat', { ...this.target, path });
      if (stat.targetType === 'dir') return this.open(path);
      const where = stat.linkTarget || entry.linkTarget || '?';
      this.setNotice(
        stat.targetType
          ? `${entry.name} is a link to the file ${where}: use Download to save it.`
          : `${entry.name} is a link to ${where}, which does not exist.`,
      );
    } catch (error) {
      this.setNotice(asAppError(error, 'Following the link').message);
    }
  }

  async showChanges(on: boolean): Promise<void> {
    this.set({ ...this.getSnapshot(), view: on ? 'changes' : 'browse' });
    if (on) await this.loadChanges();
  }

  async loadChanges(): Promise<void> {
    const generation = ++this.changesGeneration;
    this.set({ ...this.getSnapshot(), changesLoading: true });
    if (!this.client) return;
    try {
      const { changes, total } = await this.client.call('files.changes', this.target, { timeoutMs: 70_000 });
      if (generation !== this.changesGeneration) return;
      this.set({
        ...this.getSnapshot(),
        changes: { list: changes, total },
        changesLoading: false,
        changesError: undefined,
      });
    } catch (error) {
      if (generation !== this.changesGeneration) return;
      this.set({
        ...this.getSnapshot(),
        changesLoading: false,
        changesError: asAppError(error, 'Reading the changes'),
      });
    }
  }

  /** A changed path, opened in the browser: a folder is opened, anything else is shown in its folder. */
  async openChanged(change: FileChange): Promise<void> {
    const folder = parent(change.path);
    const name = baseName(change.path);
    if (change.kind === 'deleted' || !this.client) {
      await this.open(folder, name);
      if (change.kind === 'deleted')
        this.setNotice(`${change.path} was deleted: it is in the image, not in the container.`);
      return;
    }
    try {
      const stat = await this.client.call('files.stat', { ...this.target, path: change.path });
      if (stat.type === 'dir') return this.open(change.path);
    } catch {
      // Gone since the changes were read: its folder says what is there now.
    }
    return this.open(folder, name);
  }

  private setNotice(notice: string): void {
    this.set({ ...this.getSnapshot(), notice });
  }
}
