import type {
  TerminalRenderer,
  TerminalSize,
  TerminalView,
  TerminalViewFactory,
  TerminalViewOptions,
} from '../features/terminal/terminal-view';

/** A screen without xterm (which cannot render in jsdom): it records what it is told and asked. */
export class FakeTerminalView implements TerminalView {
  readonly element = document.createElement('div');
  /** Writes whose `done` has not run yet (see render()). */
  readonly writes: Array<{ readonly bytes: Uint8Array; readonly done: () => void }> = [];
  private readonly written: Uint8Array[] = [];
  readonly separators: string[] = [];
  readonly found: Array<{ query: string; direction: 'next' | 'previous' }> = [];
  container: HTMLElement | undefined;
  attachCount = 0;
  focusCount = 0;
  disposed = false;
  inputEnabled = true;
  fontSize: number;
  dark: boolean;
  gpu: boolean;
  /** What fit() finds; tests change it to play a resize. */
  fitted: TerminalSize = { cols: 120, rows: 30 };
  private current: TerminalSize = { cols: 80, rows: 24 };
  private resolveFirstFit!: (size: TerminalSize) => void;
  private readonly firstFitPromise = new Promise<TerminalSize>((resolve) => (this.resolveFirstFit = resolve));

  constructor(readonly options: TerminalViewOptions) {
    this.fontSize = options.fontSize;
    this.dark = options.dark;
    this.gpu = options.gpu;
    this.element.dataset['testid'] = 'fake-terminal-screen';
  }

  attach(container: HTMLElement): void {
    container.appendChild(this.element);
    this.container = container;
    this.attachCount++;
    this.fit();
  }

  detach(): void {
    this.element.remove();
    this.container = undefined;
  }

  fit(): TerminalSize | undefined {
    if (!this.container) return undefined;
    this.current = this.fitted;
    this.resolveFirstFit(this.current);
    return this.current;
  }

  size(): TerminalSize {
    return this.current;
  }

  firstFit(): Promise<TerminalSize> {
    return this.firstFitPromise;
  }

  write(bytes: Uint8Array, done: () => void): void {
    this.writes.push({ bytes, done });
    this.written.push(bytes);
  }

  separator(text: string): void {
    this.separators.push(text);
  }

  setInputEnabled(enabled: boolean): void {
    this.inputEnabled = enabled;
  }

  setFontSize(px: number): void {
    this.fontSize = px;
  }

  setDark(dark: boolean): void {
    this.dark = dark;
  }

  setGpu(enabled: boolean): void {
    this.gpu = enabled;
  }

  find(query: string, direction: 'next' | 'previous'): boolean {
    this.found.push({ query, direction });
    return this.text().includes(query);
  }

  clearSearch(): void {}

  focus(): void {
    this.focusCount++;
  }

  renderer(): TerminalRenderer {
    return 'dom';
  }

  dispose(): void {
    this.disposed = true;
    this.detach();
  }

  /** Everything written so far, decoded (the real view never decodes: xterm takes the bytes). */
  text(): string {
    const decoder = new TextDecoder();
    return this.written.map((bytes) => decoder.decode(bytes, { stream: true })).join('') + decoder.decode();
  }

  /** Marks every write rendered, as xterm's write callbacks would. */
  render(): void {
    for (const write of this.writes.splice(0)) write.done();
  }

  /** Keys typed into the screen. */
  type(data: string): void {
    this.options.onInput(data);
  }
}

/** A factory that keeps every view it made, newest last. */
export function fakeViews(): { readonly create: TerminalViewFactory; readonly views: FakeTerminalView[] } {
  const views: FakeTerminalView[] = [];
  return {
    views,
    create: (options) => {
      const view = new FakeTerminalView(options);
      views.push(view);
      return view;
    },
  };
}
