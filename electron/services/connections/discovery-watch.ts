import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dockerConfigDir, podmanSockets, SYSTEM_PATHS, type DiscoveryInput } from './discovery';

/** A path whose appearance, change or removal can change what discover() finds. */
export interface Interest {
  readonly path: string;
  /** A directory whose entries matter too (the contexts directory: a new context is a new entry). */
  readonly entries?: boolean;
}

export interface DiscoveryWatcherOptions {
  readonly interests: () => Promise<Interest[]>;
  /** Called once per burst of changes, `debounceMs` after the last one. */
  readonly onChange: () => void;
  readonly debounceMs: number;
  readonly log: (message: string) => void;
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The sockets, config.json and context files discover() reads, for the watcher. */
export async function discoveryInterests(input: DiscoveryInput): Promise<Interest[]> {
  const meta = join(dockerConfigDir(input), 'contexts', 'meta');
  const contexts = await readdir(meta, { withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
    () => [],
  );
  return [
    { path: (input.paths ?? SYSTEM_PATHS).defaultSocket },
    ...podmanSockets(input).map((path) => ({ path })),
    { path: join(dockerConfigDir(input), 'config.json') },
    { path: meta, entries: true },
    // `docker context update` rewrites meta.json inside its directory, which the meta dir does not see.
    ...contexts.map((dir) => ({ path: join(meta, dir, 'meta.json') })),
  ];
}

/**
 * Where to watch for one interest: its directory and the one name that matters there, or, while that
 * directory does not exist, the nearest ancestor that does and the name of the step towards it (the
 * next discovery then watches one level closer). Undefined for all names.
 */
async function watchPoint(interest: Interest): Promise<{ dir: string; name?: string } | undefined> {
  if (interest.entries && (await isDir(interest.path))) return { dir: interest.path };
  let child = interest.path;
  for (let dir = dirname(child); ; child = dir, dir = dirname(dir)) {
    if (await isDir(dir)) return { dir, name: basename(child) };
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Watches what discovery reads, so starting Docker or creating a context shows up without a restart.
 * fs.watch is not recursive everywhere, so it watches the few directories involved, re-planned before
 * every discovery. A directory that cannot be watched (inotify limit, permissions) is logged once and
 * left to connections.rediscover.
 */
export class DiscoveryWatcher {
  private watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly reported = new Set<string>();
  private closed = false;

  constructor(private readonly options: DiscoveryWatcherOptions) {}

  /** Re-plans and re-opens the watches. Call before each discovery, so no change between the two is lost. */
  async refresh(): Promise<void> {
    const points = new Map<string, Set<string> | 'all'>();
    for (const interest of await this.options.interests()) {
      const point = await watchPoint(interest);
      if (!point) continue;
      const names = points.get(point.dir);
      if (point.name === undefined || names === 'all') points.set(point.dir, 'all');
      else points.set(point.dir, new Set([...(names ?? []), point.name]));
    }
    if (this.closed) return;
    this.closeWatchers();
    for (const [dir, names] of points) this.watchDir(dir, names);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.closeWatchers();
  }

  private watchDir(dir: string, names: ReadonlySet<string> | 'all'): void {
    try {
      // Not persistent: a watch never keeps the process alive (the CLI exits when its work is done).
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (names === 'all' || filename === null || names.has(filename)) this.changed();
      });
      // The directory went away or the watch broke: discover again, which re-plans the watches.
      watcher.on('error', () => {
        watcher.close();
        this.changed();
      });
      this.watchers.push(watcher);
    } catch (error) {
      if (this.reported.has(dir)) return;
      this.reported.add(dir);
      const code = (error as { code?: unknown }).code;
      this.options.log(
        `Bosun cannot watch ${dir} for new engines (${typeof code === 'string' ? code : 'watch failed'}); new engines there appear when asked to look again (connections.rediscover).`,
      );
    }
  }

  private changed(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.options.onChange();
    }, this.options.debounceMs);
    this.timer.unref?.();
  }

  private closeWatchers(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}
