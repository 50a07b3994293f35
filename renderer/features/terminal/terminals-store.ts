import type { TerminalFixId, TerminalSession } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';
import type { TerminalHandle } from '../../../electron/shared/terminal/terminal-client';
import type { BosunClient } from '../../api/client';
import { ExternalStore } from '../../api/external-store';
import {
  containerKey,
  describeChoice,
  openRequest,
  type OpenChoice,
  type TerminalTarget,
} from './open-request';
import { runSession } from './run-session';
import { endProblem, openProblem, type SessionProblem } from './session-problem';
import type { TerminalShortcut, TerminalSize, TerminalView, TerminalViewFactory } from './terminal-view';

export type TabPhase = 'opening' | 'open' | 'ended' | 'failed';

export interface PodExecAccess {
  readonly allowed: boolean;
  /** Why not, for a tooltip. */
  readonly reason?: string;
}

const POD_EXEC = { verb: 'create', resource: 'pods', subresource: 'exec' } as const;

/** Pods have no toolbox sidecar here: a problem in one offers no toolbox. */
function forTarget(problem: SessionProblem, target: TerminalTarget): SessionProblem {
  return target.pod ? { ...problem, offerToolbox: false } : problem;
}

export interface TerminalTab {
  /** Stable for the tab's life: a reopen keeps the tab, its screen and its scrollback. */
  readonly id: string;
  readonly target: TerminalTarget;
  readonly choice: OpenChoice;
  readonly phase: TabPhase;
  /** The last progress message of an open under way (building the toolbox image…). */
  readonly progress: string | undefined;
  readonly session: TerminalSession | undefined;
  readonly problem: SessionProblem | undefined;
  readonly disabledFixes: readonly TerminalFixId[];
}

export interface TerminalsSnapshot {
  readonly tabs: readonly TerminalTab[];
  readonly activeId: string | undefined;
  /** The panel is shown; hiding it keeps every session running. */
  readonly visible: boolean;
  readonly fontSize: number;
  readonly gpu: boolean;
  readonly dark: boolean;
  /** The "Open a terminal…" form is up for this container. */
  readonly asking: TerminalTarget | undefined;
  /** The search box is open over the active tab. */
  readonly searching: boolean;
  /** Bumped by every request to search (Ctrl+Shift+F), so an open box takes the focus again. */
  readonly searchRequest: number;
}

export const FONT_SIZE = { min: 8, max: 32, initial: 13 } as const;

interface Live {
  readonly view: TerminalView;
  handle: TerminalHandle | undefined;
  /** Bumped by every (re)open and by close: answers for an older one are dropped. */
  generation: number;
}

export interface TerminalsStoreOptions {
  readonly createView: TerminalViewFactory;
  readonly dark?: boolean;
  readonly gpu?: boolean;
}

/**
 * The terminal tabs and their sessions. Screens (TerminalViews) live here, outside React: a component
 * shows one and gives it back when it unmounts, so sessions survive switching tabs or views. They end
 * when their tab closes, or when the window does (the core closes a client's sessions when it goes).
 */
export class TerminalsStore extends ExternalStore<TerminalsSnapshot> {
  private readonly live = new Map<string, Live>();
  /** Fixes the user turned off, per container, for the rest of the app session. */
  private readonly disabledFixes = new Map<string, readonly TerminalFixId[]>();
  private readonly execAccess = new Map<string, Promise<PodExecAccess>>();
  private readonly createView: TerminalViewFactory;
  private client: BosunClient | undefined;
  /** The tab whose screen takes the keyboard when it is next shown (not one reached by arrow keys). */
  private focusWanted: string | undefined;

  constructor(options: TerminalsStoreOptions) {
    super({
      tabs: [],
      activeId: undefined,
      visible: false,
      fontSize: FONT_SIZE.initial,
      gpu: options.gpu ?? true,
      dark: options.dark ?? false,
      asking: undefined,
      searching: false,
      searchRequest: 0,
    });
    this.createView = options.createView;
  }

  attach(client: BosunClient): void {
    this.client = client;
  }

  /** The link is gone; so are its sessions (each hears it and ends as engine-lost). */
  detach(): void {
    this.client = undefined;
  }

  /**
   * Whether this user may open shells in a namespace's pods (`create pods/exec`), asked once per
   * cluster and namespace for the window's life; a failed question is asked again next time.
   */
  podExecAccess(clusterId: string, namespace: string): Promise<PodExecAccess> {
    const key = `${clusterId}/${namespace}`;
    const cached = this.execAccess.get(key);
    if (cached) return cached;
    const client = this.client;
    if (!client) return Promise.resolve({ allowed: false, reason: 'Bosun is not connected to its core.' });
    const asked = client.call('kube.access', { clusterId, namespace, checks: [POD_EXEC] }).then(([answer]) =>
      answer?.allowed
        ? { allowed: true }
        : {
            allowed: false,
            reason: `No terminal: RBAC does not allow create pods/exec in ${namespace}${answer?.reason ? ` (${answer.reason})` : ''}.`,
          },
    );
    this.execAccess.set(key, asked);
    asked.catch(() => this.execAccess.delete(key));
    return asked;
  }

  /** The screen of a tab, for the component that shows it. */
  view(tabId: string): TerminalView | undefined {
    return this.live.get(tabId)?.view;
  }

  /** Opens a new tab with a new session; returns the tab's id. */
  open(target: TerminalTarget, choice: OpenChoice = { mode: 'shell' }): string {
    const id = crypto.randomUUID();
    const { fontSize, dark, gpu } = this.getSnapshot();
    const view = this.createView({
      fontSize,
      dark,
      gpu,
      onInput: (data) => this.input(id, data),
      onShortcut: (shortcut) => this.shortcut(shortcut),
    });
    this.live.set(id, { view, handle: undefined, generation: 0 });
    const tab: TerminalTab = {
      id,
      target,
      choice,
      phase: 'opening',
      progress: undefined,
      session: undefined,
      problem: undefined,
      disabledFixes: this.disabledFixes.get(containerKey(target)) ?? [],
    };
    const snapshot = this.getSnapshot();
    this.focusWanted = id;
    this.set({
      ...snapshot,
      tabs: [...snapshot.tabs, tab],
      activeId: id,
      visible: true,
      asking: undefined,
      searching: false,
    });
    void this.start(id);
    return id;
  }

  /** A new session in the same tab and screen (the scrollback stays), optionally asked differently. */
  reopen(tabId: string, change: Partial<OpenChoice> = {}): void {
    const live = this.live.get(tabId);
    const tab = this.tab(tabId);
    if (!live || !tab) return;
    this.endLive(live);
    const choice = { ...tab.choice, ...change };
    if (tab.phase !== 'opening') live.view.separator(`reopening: ${describeChoice(choice)}`);
    this.update(tabId, { choice });
    void this.start(tabId);
  }

  /** The image has no shell (or the user wants tools): the toolbox in the same tab. */
  openToolbox(tabId: string): void {
    this.reopen(tabId, { mode: 'toolbox', user: undefined, workdir: undefined, writable: undefined });
  }

  /** Turns fixes off (or back on) for this container and reopens the session with them. */
  setDisabledFixes(tabId: string, fixes: readonly TerminalFixId[]): void {
    const tab = this.tab(tabId);
    if (!tab) return;
    this.disabledFixes.set(containerKey(tab.target), [...fixes]);
    this.update(tabId, { disabledFixes: [...fixes] });
    this.reopen(tabId);
  }

  /** Attach only: a read-only attach becomes writable (or back); the engine needs a new attach for it. */
  setWritable(tabId: string, writable: boolean): void {
    this.reopen(tabId, { writable });
  }

  close(tabId: string): void {
    const live = this.live.get(tabId);
    if (!live) return;
    this.live.delete(tabId);
    this.endLive(live);
    live.view.dispose();
    const snapshot = this.getSnapshot();
    const index = snapshot.tabs.findIndex((t) => t.id === tabId);
    const tabs = snapshot.tabs.filter((t) => t.id !== tabId);
    const activeId =
      snapshot.activeId === tabId
        ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? undefined)
        : snapshot.activeId;
    this.set({ ...snapshot, tabs, activeId, visible: snapshot.visible && tabs.length > 0 });
  }

  /** Shows a tab; `focus` gives its screen the keyboard (a click does, moving with arrow keys does not). */
  select(tabId: string, focus = true): void {
    const snapshot = this.getSnapshot();
    if (!this.live.has(tabId)) return;
    if (focus) this.focusWanted = tabId;
    // A search belongs to the screen it was started in.
    const searching = snapshot.searching && snapshot.activeId === tabId;
    this.set({ ...snapshot, activeId: tabId, visible: true, searching });
  }

  setVisible(visible: boolean): void {
    const snapshot = this.getSnapshot();
    if (visible) this.focusWanted = snapshot.activeId;
    if (snapshot.visible !== visible) this.set({ ...snapshot, visible });
  }

  /** Whether the screen of a tab just shown should take the keyboard; asked once per showing. */
  claimFocus(tabId: string): boolean {
    const wanted = this.focusWanted === tabId;
    if (wanted) this.focusWanted = undefined;
    return wanted;
  }

  setSearching(searching: boolean): void {
    const snapshot = this.getSnapshot();
    const searchRequest = searching ? snapshot.searchRequest + 1 : snapshot.searchRequest;
    this.set({ ...snapshot, searching, searchRequest });
  }

  ask(target: TerminalTarget | undefined): void {
    this.set({ ...this.getSnapshot(), asking: target });
  }

  /** +1 / -1 point, or back to the initial size (0). */
  zoom(step: -1 | 0 | 1): void {
    const snapshot = this.getSnapshot();
    const next =
      step === 0
        ? FONT_SIZE.initial
        : Math.min(FONT_SIZE.max, Math.max(FONT_SIZE.min, snapshot.fontSize + step));
    if (next === snapshot.fontSize) return;
    for (const { view } of this.live.values()) view.setFontSize(next);
    this.set({ ...snapshot, fontSize: next });
    // The font changed the number of cells that fit: tell the programs.
    for (const id of this.live.keys()) this.fit(id);
  }

  setDark(dark: boolean): void {
    const snapshot = this.getSnapshot();
    if (snapshot.dark === dark) return;
    for (const { view } of this.live.values()) view.setDark(dark);
    this.set({ ...snapshot, dark });
  }

  setGpu(gpu: boolean): void {
    const snapshot = this.getSnapshot();
    if (snapshot.gpu === gpu) return;
    for (const { view } of this.live.values()) view.setGpu(gpu);
    this.set({ ...snapshot, gpu });
  }

  /** Fits a tab's screen to where it is shown and passes the new size to its program. */
  fit(tabId: string): TerminalSize | undefined {
    const live = this.live.get(tabId);
    const size = live?.view.fit();
    if (live && size) live.handle?.resize(size.cols, size.rows);
    return size;
  }

  private async start(tabId: string): Promise<void> {
    const live = this.live.get(tabId);
    const tab = this.tab(tabId);
    if (!live || !tab) return;
    const generation = ++live.generation;
    this.update(tabId, { phase: 'opening', progress: undefined, problem: undefined, session: undefined });
    await runSession(
      this.client,
      live.view,
      (size) => openRequest(tab.target, tab.choice, tab.disabledFixes, size),
      {
        current: () => this.live.get(tabId) === live && live.generation === generation,
        progress: (message) => this.update(tabId, { progress: message }),
        opened: (handle) => {
          live.handle = handle;
          live.view.setInputEnabled(handle.session.writable);
          this.update(tabId, { phase: 'open', progress: undefined, session: handle.session });
        },
        ended: (end, session) => {
          live.handle = undefined;
          live.view.setInputEnabled(false);
          const problem = forTarget(endProblem(end, tab.target.containerName, tab.choice.mode), tab.target);
          this.update(tabId, { phase: 'ended', progress: undefined, problem, session });
        },
        failed: (error) => this.failed(tabId, error),
      },
    );
  }

  private failed(tabId: string, error: AppError): void {
    const tab = this.tab(tabId);
    if (!tab) return;
    const problem = forTarget(openProblem(error, tab.target.containerName, tab.choice.mode), tab.target);
    this.update(tabId, { phase: 'failed', progress: undefined, problem });
  }

  private input(tabId: string, data: string | Uint8Array): void {
    const live = this.live.get(tabId);
    if (live?.handle?.session.writable) live.handle.write(data);
  }

  private shortcut(shortcut: TerminalShortcut): void {
    if (shortcut === 'zoom-in') this.zoom(1);
    else if (shortcut === 'zoom-out') this.zoom(-1);
    else if (shortcut === 'zoom-reset') this.zoom(0);
    else this.setSearching(true);
  }

  private endLive(live: Live): void {
    live.generation++;
    const handle = live.handle;
    live.handle = undefined;
    void handle?.close().catch(() => undefined);
  }

  private tab(tabId: string): TerminalTab | undefined {
    return this.getSnapshot().tabs.find((t) => t.id === tabId);
  }

  private update(tabId: string, patch: Partial<TerminalTab>): void {
    const snapshot = this.getSnapshot();
    const tabs = snapshot.tabs.map((t) => (t.id === tabId ? { ...t, ...patch } : t));
    this.set({ ...snapshot, tabs });
  }
}
