/** Columns and rows of a terminal. */
export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/** Keys the terminal keeps for Bosun instead of sending them to the program. */
export type TerminalShortcut = 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'search';

export type TerminalRenderer = 'webgl' | 'dom';

export interface TerminalViewOptions {
  readonly fontSize: number;
  readonly dark: boolean;
  /** Draw with WebGL when the browser can; the DOM renderer otherwise (and when this is off). */
  readonly gpu: boolean;
  /** Keystrokes and pastes, as xterm reports them; binary input arrives as bytes. */
  readonly onInput: (data: string | Uint8Array) => void;
  readonly onShortcut: (shortcut: TerminalShortcut) => void;
}

/**
 * One terminal screen with its scrollback, independent of React: it is created when a tab opens,
 * moved into whichever element shows it, and disposed only when the tab closes. xterm.js stays behind
 * this interface (xterm-view.ts) so the sessions and the components can be tested with a fake.
 */
export interface TerminalView {
  /** Moves the screen into `container` (opening it there the first time) and fits it. */
  attach(container: HTMLElement): void;
  /** Takes the screen out of the page; it keeps its scrollback and keeps taking output. */
  detach(): void;
  /** Fits the screen to its container; undefined while it is not in the page or has no size. */
  fit(): TerminalSize | undefined;
  /** The current size (80×24 until the first fit). */
  size(): TerminalSize;
  /** Resolves with the size of the first fit, so a shell can start at the size it is shown at. */
  firstFit(): Promise<TerminalSize>;
  /** Output bytes; `done` runs once they are parsed (that is the flow control). */
  write(bytes: Uint8Array, done: () => void): void;
  /**
   * A line from Bosun itself between two sessions in the same screen ("reopened"): the modes the old
   * program left on (alternate screen, mouse, colours) are reset first, the scrollback is kept.
   */
  separator(text: string): void;
  setInputEnabled(enabled: boolean): void;
  setFontSize(px: number): void;
  setDark(dark: boolean): void;
  setGpu(enabled: boolean): void;
  /** Finds the next or previous match in the scrollback; false when there is none. */
  find(query: string, direction: 'next' | 'previous'): boolean;
  clearSearch(): void;
  focus(): void;
  renderer(): TerminalRenderer;
  dispose(): void;
}

export type TerminalViewFactory = (options: TerminalViewOptions) => TerminalView;

export const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };
