import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { keyAction } from './key-actions';
import { openWebLink } from './open-link';
import {
  DEFAULT_SIZE,
  type TerminalRenderer,
  type TerminalSize,
  type TerminalView,
  type TerminalViewOptions,
} from './terminal-view';
import { DARK_THEME, LIGHT_THEME } from './xterm-themes';

// The contract's bounds for a terminal's size.
const MAX_DIMENSION = 1000;

/**
 * Resets what the previous program may have left on (alternate screen, mouse reporting, bracketed
 * paste, colours, scroll region, hidden cursor) without clearing the scrollback: DECSTR plus the modes
 * it does not cover.
 */
const RESET_MODES = '\x1b[?1049l\x1b[!p\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h';

/** The app's monospace stack (styles/theme.css), which names the CJK fonts to fall back on. */
function monoFont(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace';
}

/** The TerminalView of the app: xterm.js with fit, Unicode 11 widths, WebGL, search and links. */
export class XtermView implements TerminalView {
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly searchAddon = new SearchAddon();
  /** What shows the screen: moved from container to container, never re-created. */
  private readonly root: HTMLDivElement;
  private webgl: WebglAddon | undefined;
  private loadingWebgl: Promise<void> | undefined;
  private disposed = false;
  private gpu: boolean;
  private opened = false;
  private searching = false;
  private resolveFirstFit!: (size: TerminalSize) => void;
  private readonly firstFitPromise = new Promise<TerminalSize>((resolve) => {
    this.resolveFirstFit = resolve;
  });

  constructor(options: TerminalViewOptions) {
    this.gpu = options.gpu;
    this.root = document.createElement('div');
    this.root.className = 'term-screen';
    this.root.dataset['testid'] = 'terminal-screen';
    this.term = new Terminal({
      // Unicode 11 widths are a proposed API; without them CJK and emoji take the wrong number of cells.
      allowProposedApi: true,
      cols: DEFAULT_SIZE.cols,
      rows: DEFAULT_SIZE.rows,
      fontSize: options.fontSize,
      fontFamily: monoFont(),
      theme: options.dark ? DARK_THEME : LIGHT_THEME,
      scrollback: 10_000,
      cursorBlink: true,
      macOptionIsMeta: true,
    });
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.searchAddon);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(new WebLinksAddon((_event, uri) => openWebLink(uri)));
    this.term.onData((data) => options.onInput(data));
    // Binary input (some mouse reports) is one byte per character: never UTF-8 encode it.
    this.term.onBinary((data) => options.onInput(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    this.term.attachCustomKeyEventHandler((event) => {
      const action = keyAction(event);
      if (action === 'terminal') return true;
      if (action !== 'browser' && event.type === 'keydown') {
        event.preventDefault();
        options.onShortcut(action);
      }
      // false: xterm leaves the key alone, so the browser pastes or copies through xterm's own handlers.
      return false;
    });
    this.term.onSelectionChange(() => this.copySelection());
    this.term.onResize(({ cols, rows }) => this.showSize(cols, rows));
    this.showSize(this.term.cols, this.term.rows);
    this.showRenderer('dom');
  }

  attach(container: HTMLElement): void {
    container.appendChild(this.root);
    if (!this.opened) {
      this.opened = true;
      this.term.open(this.root);
      if (this.gpu) this.loadWebgl();
    } else {
      // Rendering pauses while out of the page; draw what arrived meanwhile.
      this.term.refresh(0, this.term.rows - 1);
    }
    this.fit();
  }

  detach(): void {
    this.root.remove();
  }

  fit(): TerminalSize | undefined {
    if (!this.opened || !this.root.isConnected) return undefined;
    const proposed = this.fitAddon.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return undefined;
    const cols = Math.min(MAX_DIMENSION, Math.max(2, proposed.cols));
    const rows = Math.min(MAX_DIMENSION, Math.max(1, proposed.rows));
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
    const size = { cols, rows };
    this.resolveFirstFit(size);
    return size;
  }

  size(): TerminalSize {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  firstFit(): Promise<TerminalSize> {
    return this.firstFitPromise;
  }

  write(bytes: Uint8Array, done: () => void): void {
    this.term.write(bytes, done);
  }

  separator(text: string): void {
    this.term.write(`${RESET_MODES}\r\n\x1b[2m── ${text} ──\x1b[0m\r\n`);
  }

  setInputEnabled(enabled: boolean): void {
    this.term.options.disableStdin = !enabled;
  }

  setFontSize(px: number): void {
    this.term.options.fontSize = px;
    this.fit();
  }

  setDark(dark: boolean): void {
    this.term.options.theme = dark ? DARK_THEME : LIGHT_THEME;
  }

  setGpu(enabled: boolean): void {
    this.gpu = enabled;
    if (!this.opened) return;
    if (enabled && !this.webgl) this.loadWebgl();
    if (!enabled) this.dropWebgl();
  }

  find(query: string, direction: 'next' | 'previous'): boolean {
    // The match is shown as a selection: that must not land on the clipboard.
    this.searching = true;
    try {
      return direction === 'next' ? this.searchAddon.findNext(query) : this.searchAddon.findPrevious(query);
    } finally {
      this.searching = false;
    }
  }

  clearSearch(): void {
    this.searchAddon.clearDecorations();
    this.term.clearSelection();
  }

  focus(): void {
    this.term.focus();
  }

  renderer(): TerminalRenderer {
    return this.webgl ? 'webgl' : 'dom';
  }

  dispose(): void {
    this.disposed = true;
    this.dropWebgl();
    this.term.dispose();
    this.root.remove();
  }

  /** The WebGL renderer is its own chunk: loaded when a screen first draws with it. */
  private loadWebgl(): void {
    this.loadingWebgl ??= import('@xterm/addon-webgl')
      .then(({ WebglAddon }) => {
        if (this.gpu && !this.disposed && !this.webgl) this.useWebgl(new WebglAddon());
      })
      .catch(() => this.showRenderer('dom'))
      .finally(() => {
        this.loadingWebgl = undefined;
      });
  }

  private useWebgl(webgl: WebglAddon): void {
    try {
      // A lost context (GPU reset, too many contexts) leaves a blank screen: draw with the DOM instead.
      webgl.onContextLoss(() => this.dropWebgl());
      this.term.loadAddon(webgl);
      this.webgl = webgl;
      this.showRenderer('webgl');
    } catch {
      // No WebGL2 here: the DOM renderer stays.
      webgl.dispose();
      this.showRenderer('dom');
    }
  }

  private dropWebgl(): void {
    const webgl = this.webgl;
    this.webgl = undefined;
    webgl?.dispose();
    this.showRenderer('dom');
  }

  private copySelection(): void {
    if (this.searching || !this.term.hasSelection()) return;
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    // Refused without focus or permission: Ctrl+Shift+C still copies through the browser.
    clipboard?.writeText(this.term.getSelection()).catch(() => undefined);
  }

  private showRenderer(renderer: TerminalRenderer): void {
    this.root.dataset['renderer'] = renderer;
  }

  private showSize(cols: number, rows: number): void {
    this.root.dataset['cols'] = String(cols);
    this.root.dataset['rows'] = String(rows);
  }
}
