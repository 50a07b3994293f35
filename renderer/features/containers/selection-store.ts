import { ExternalStore } from '../../api/external-store';

export interface SelectionSnapshot {
  /** Selected rows by key (`${connectionId}/${id}`). */
  readonly keys: ReadonlySet<string>;
  /** The row a shift-click extends from: the last one clicked without shift. */
  readonly anchor: string | undefined;
}

const EMPTY: SelectionSnapshot = { keys: new Set(), anchor: undefined };

/** Which containers are ticked for a bulk action. Outside React: rows read it without re-rendering the list. */
export class SelectionStore extends ExternalStore<SelectionSnapshot> {
  constructor() {
    super(EMPTY);
  }

  /**
   * A click on a row's checkbox: toggles it, or with shift sets every row between the anchor and it
   * (in `order`, the rows as shown) to the state the anchor has.
   */
  click(key: string, shift: boolean, order: readonly string[]): void {
    const { keys, anchor } = this.getSnapshot();
    const from = anchor === undefined ? -1 : order.indexOf(anchor);
    const to = order.indexOf(key);
    if (!shift || from < 0 || to < 0) {
      const next = new Set(keys);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      this.set({ keys: next, anchor: key });
      return;
    }
    const select = keys.has(anchor!);
    const next = new Set(keys);
    for (const k of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
      if (select) next.add(k);
      else next.delete(k);
    }
    this.set({ keys: next, anchor });
  }

  /** Selects or unselects these rows together (select all shown, a project's rows). */
  setMany(keys: readonly string[], selected: boolean): void {
    const next = new Set(this.getSnapshot().keys);
    for (const key of keys) {
      if (selected) next.add(key);
      else next.delete(key);
    }
    this.set({ keys: next, anchor: this.getSnapshot().anchor });
  }

  clear(): void {
    if (this.getSnapshot().keys.size > 0) this.set(EMPTY);
  }

  /**
   * Keeps only rows still shown: what is selected is always on screen, so an action never reaches a
   * container the filter hides or one that is gone.
   */
  retain(shown: ReadonlySet<string>): void {
    const { keys, anchor } = this.getSnapshot();
    if ([...keys].every((key) => shown.has(key))) return;
    const next = new Set([...keys].filter((key) => shown.has(key)));
    this.set({ keys: next, anchor: anchor !== undefined && shown.has(anchor) ? anchor : undefined });
  }
}
