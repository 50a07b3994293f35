import { AppError } from '../../../electron/shared/errors';
import {
  DEFAULT_SIZE,
  type TerminalRenderer,
  type TerminalSize,
  type TerminalView,
  type TerminalViewFactory,
  type TerminalViewOptions,
} from './terminal-view';

type Load = () => Promise<TerminalViewFactory>;

/** Where output goes when the real view could not be loaded: acknowledged, so the session is not held. */
const DROPPING: Pick<TerminalView, 'write' | 'separator'> = {
  write: (_bytes, done) => done(),
  separator: () => undefined,
};

/**
 * A TerminalView whose real one (xterm.js and its addons, about half of the renderer's code) is loaded
 * when the first terminal opens, not with the app. Until then it remembers what it was told — where to
 * show, settings, output — and hands it all over once loaded. Opening a session waits for firstFit(),
 * which only the real view can give, so output before that is rare; it is kept in order all the same.
 */
class LazyView implements TerminalView {
  private real: TerminalView | undefined;
  private container: HTMLElement | undefined;
  private pending: Array<(view: Pick<TerminalView, 'write' | 'separator'>) => void> = [];
  private settings: Pick<TerminalViewOptions, 'fontSize' | 'dark' | 'gpu'>;
  private inputEnabled = true;
  private disposed = false;
  private failed = false;
  private focusWanted = false;
  private readonly ready: Promise<TerminalView | undefined>;

  constructor(load: Load, options: TerminalViewOptions) {
    this.settings = { fontSize: options.fontSize, dark: options.dark, gpu: options.gpu };
    this.ready = load().then(
      (create) => {
        if (this.disposed) return undefined;
        const view = create({ ...options, ...this.settings });
        view.setInputEnabled(this.inputEnabled);
        for (const run of this.pending) run(view);
        this.pending = [];
        this.real = view;
        if (this.container) view.attach(this.container);
        if (this.container && this.focusWanted) view.focus();
        return view;
      },
      () => {
        // The code could not be fetched (the app was updated underneath, or the link dropped): the tab
        // says so through firstFit(), and output meant for it is dropped rather than held forever.
        this.failed = true;
        for (const run of this.pending) run(DROPPING);
        this.pending = [];
        return undefined;
      },
    );
  }

  attach(container: HTMLElement): void {
    this.container = container;
    this.real?.attach(container);
  }

  detach(): void {
    this.container = undefined;
    this.real?.detach();
  }

  fit(): TerminalSize | undefined {
    return this.real?.fit();
  }

  size(): TerminalSize {
    return this.real?.size() ?? DEFAULT_SIZE;
  }

  async firstFit(): Promise<TerminalSize> {
    const view = await this.ready;
    if (view) return view.firstFit();
    throw new AppError('INTERNAL', 'The terminal could not be loaded. Reload the window and try again.');
  }

  write(bytes: Uint8Array, done: () => void): void {
    this.now((view) => view.write(bytes, done));
  }

  separator(text: string): void {
    this.now((view) => view.separator(text));
  }

  setInputEnabled(enabled: boolean): void {
    this.inputEnabled = enabled;
    this.real?.setInputEnabled(enabled);
  }

  setFontSize(px: number): void {
    this.settings = { ...this.settings, fontSize: px };
    this.real?.setFontSize(px);
  }

  setDark(dark: boolean): void {
    this.settings = { ...this.settings, dark };
    this.real?.setDark(dark);
  }

  setGpu(enabled: boolean): void {
    this.settings = { ...this.settings, gpu: enabled };
    this.real?.setGpu(enabled);
  }

  find(query: string, direction: 'next' | 'previous'): boolean {
    return this.real?.find(query, direction) ?? false;
  }

  clearSearch(): void {
    this.real?.clearSearch();
  }

  focus(): void {
    if (this.real) this.real.focus();
    else this.focusWanted = true;
  }

  renderer(): TerminalRenderer {
    return this.real?.renderer() ?? 'dom';
  }

  dispose(): void {
    this.disposed = true;
    this.pending = [];
    this.real?.dispose();
  }

  private now(run: (view: Pick<TerminalView, 'write' | 'separator'>) => void): void {
    if (this.real) run(this.real);
    else if (this.failed) run(DROPPING);
    else if (!this.disposed) this.pending.push(run);
  }
}

/** A factory whose views load their real implementation on first use (see LazyView). */
export function lazyViews(load: Load): TerminalViewFactory {
  let loading: Promise<TerminalViewFactory> | undefined;
  const once = (): Promise<TerminalViewFactory> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return (options) => new LazyView(once, options);
}
