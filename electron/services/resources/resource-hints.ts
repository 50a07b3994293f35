import type { ResourceKind } from '../../shared/contract';

/**
 * Coalesces resource hints: a prune of 200 images is 400 engine events, and a list view needs one
 * re-read, not 400. Each (connection, kind) is published at most once per window.
 */
export class ResourceHints {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly publish: (connectionId: string, kind: ResourceKind) => void,
    private readonly windowMs = 20,
  ) {}

  note(connectionId: string, kinds: readonly ResourceKind[]): void {
    for (const kind of kinds) this.pending.add(`${kind} ${connectionId}`);
    if (this.pending.size === 0 || this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const due = [...this.pending];
    this.pending.clear();
    for (const key of due) {
      const space = key.indexOf(' ');
      this.publish(key.slice(space + 1), key.slice(0, space) as ResourceKind);
    }
  }
}
