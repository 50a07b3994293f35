import { ExternalStore } from '../../api/external-store';

export interface DetailsSnapshot {
  /** The container shown in the details pane, as `${connectionId}/${id}`; undefined when it is closed. */
  readonly key: string | undefined;
  /** The tab last chosen; kept when another container is opened, so logs stay logs while browsing. */
  readonly tab: string;
}

/** Which container the details pane shows, and on which tab. */
export class DetailsStore extends ExternalStore<DetailsSnapshot> {
  constructor(tab = 'logs') {
    super({ key: undefined, tab });
  }

  open(key: string, tab?: string): void {
    const current = this.getSnapshot();
    this.set({ key, tab: tab ?? current.tab });
  }

  /** Opens `key`, or closes the pane when it already shows it (a second click on the same row). */
  readonly toggle = (key: string): void => {
    if (this.getSnapshot().key === key) this.close();
    else this.open(key);
  };

  showTab(tab: string): void {
    this.set({ ...this.getSnapshot(), tab });
  }

  close(): void {
    this.set({ ...this.getSnapshot(), key: undefined });
  }
}
