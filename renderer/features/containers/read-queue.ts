import type { Schedule } from '../../api/schedule';

/** One re-read of one connection: everything (`full`) or only these container ids. */
export interface ReadWork {
  readonly full: boolean;
  readonly ids: readonly string[];
}

// What containers.list accepts for `ids`; anything else (or more) turns into a full re-read.
const CONTAINER_ID = /^[a-f0-9]{12,64}$/;
const MAX_IDS = 1000;

interface Pending {
  full: boolean;
  readonly ids: Set<string>;
}

/**
 * Turns a stream of change hints into as few reads as possible, in an order that cannot go wrong:
 * - hints for one connection that arrive before the next frame become one read (full if any was);
 * - reads of one connection never overlap, so an older answer never overwrites a newer one; hints that
 *   arrive meanwhile wait and become the next read;
 * - while a full read of everything is out (`hold`), nothing runs; what arrived runs after it, because
 *   that read may predate the change.
 */
export class ReadQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<string>();
  private held = false;
  private scheduled = false;
  private epoch = 0;

  constructor(
    private readonly schedule: Schedule,
    private readonly read: (connectionId: string, work: ReadWork) => Promise<void>,
    /** Which ids the list call accepts (containers.list: hex ids; kube.pods.list: uids); others mean a full read. */
    private readonly isId: (id: string) => boolean = (id) => CONTAINER_ID.test(id),
  ) {}

  add(connectionId: string, work: ReadWork): void {
    let entry = this.pending.get(connectionId);
    if (!entry) {
      entry = { full: false, ids: new Set() };
      this.pending.set(connectionId, entry);
    }
    if (work.full) {
      entry.full = true;
      entry.ids.clear();
    } else if (!entry.full) {
      for (const id of work.ids) entry.ids.add(id);
    }
    this.kick();
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.kick();
  }

  /** The connection went away: what was waiting for it no longer matters. */
  forget(connectionId: string): void {
    this.pending.delete(connectionId);
  }

  /** A new client: nothing pending or running belongs to it. */
  reset(): void {
    this.epoch++;
    this.pending.clear();
    this.running.clear();
    this.held = false;
  }

  private kick(): void {
    if (this.scheduled || this.held || this.pending.size === 0) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.held) return;
    for (const [connectionId, entry] of [...this.pending]) {
      if (this.running.has(connectionId)) continue;
      this.pending.delete(connectionId);
      const ids = [...entry.ids];
      const full = entry.full || ids.length > MAX_IDS || ids.some((id) => !this.isId(id));
      if (!full && ids.length === 0) continue;
      this.running.add(connectionId);
      const epoch = this.epoch;
      const done = (): void => {
        if (epoch !== this.epoch) return;
        this.running.delete(connectionId);
        this.kick();
      };
      this.read(connectionId, { full, ids: full ? [] : ids }).then(done, done);
    }
  }
}
