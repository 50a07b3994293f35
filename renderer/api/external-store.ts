/**
 * The smallest observable for `useSyncExternalStore`: an immutable snapshot that is replaced, never
 * mutated, so React sees every change and skips renders when nothing changed.
 */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private snapshot: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): T => this.snapshot;

  protected set(next: T): void {
    if (Object.is(next, this.snapshot)) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
