import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The terminal panel below the containers: its tabs, the active session's status and problem, and the
 * screen. The screen is read through xterm's DOM renderer, whose rows are text (`.xterm-rows > div`);
 * useDomRenderer() switches a screen drawn with WebGL over to it, as a user can.
 */
export class TerminalPanel {
  readonly panel: Locator;
  readonly tabs: Locator;
  readonly session: Locator;
  readonly status: Locator;
  readonly what: Locator;
  readonly problem: Locator;
  readonly progress: Locator;
  readonly screen: Locator;
  readonly gpu: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('terminal-panel');
    this.tabs = page.getByRole('tab');
    this.session = page.getByTestId('terminal-session');
    this.status = page.getByTestId('terminal-status');
    this.what = page.getByTestId('terminal-what');
    this.problem = page.getByTestId('terminal-problem');
    this.progress = page.getByTestId('terminal-progress');
    this.screen = this.session.getByTestId('terminal-screen');
    this.gpu = this.panel.getByRole('checkbox', { name: 'GPU' });
  }

  /** The Terminal button of a container's row (it shows when the row is hovered or focused). */
  async openFor(row: Locator, name: string, action: 'terminal' | 'toolbox' = 'terminal'): Promise<void> {
    await row.hover();
    const label = action === 'terminal' ? `Open a terminal in ${name}` : `Open the toolbox in ${name}`;
    await row.getByRole('button', { name: label }).click();
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  fix(id: string): Locator {
    return this.status.locator(`[data-fix="${id}"]`);
  }

  /** Waits for the session to be open (the status strip names the shell), and the prompt to be drawn. */
  async waitForShell(): Promise<void> {
    await expect(this.session).toHaveAttribute('data-phase', 'open', { timeout: 60_000 });
    await expect.poll(() => this.text(), { timeout: 20_000 }).toMatch(/[#$] ?$/m);
  }

  async renderer(): Promise<string | null> {
    return this.screen.getAttribute('data-renderer');
  }

  async useDomRenderer(): Promise<void> {
    if (await this.gpu.isChecked()) await this.gpu.uncheck();
    await expect(this.screen).toHaveAttribute('data-renderer', 'dom');
  }

  /** The screen's size in cells, as xterm has it (and as the program was told). */
  async size(): Promise<{ cols: number; rows: number }> {
    const cols = Number(await this.screen.getAttribute('data-cols'));
    const rows = Number(await this.screen.getAttribute('data-rows'));
    return { cols, rows };
  }

  /** The visible rows, top to bottom, as text (trailing blanks dropped). */
  async rows(): Promise<string[]> {
    const texts = await this.screen.locator('.xterm-rows > div').allTextContents();
    return texts.map((row) => row.replace(/\u00a0/g, ' ').trimEnd());
  }

  async text(): Promise<string> {
    return (await this.rows()).join('\n');
  }

  /** Waits for a row that is exactly `line` (or matches it). */
  async waitForRow(line: string | RegExp, timeout = 15_000): Promise<void> {
    const matches = (row: string): boolean => (typeof line === 'string' ? row === line : line.test(row));
    await expect
      .poll(async () => (await this.rows()).some(matches), {
        timeout,
        message: `a terminal row ${String(line)}`,
      })
      .toBe(true);
  }

  async focus(): Promise<void> {
    await this.screen.click();
  }

  /** Drags nothing: focuses the splitter above the panel and moves it with the arrow keys. */
  async resizePanel(steps: number): Promise<void> {
    const splitter = this.page.getByRole('separator', { name: 'Resize the terminal panel' });
    await splitter.focus();
    for (let i = 0; i < Math.abs(steps); i++) {
      await splitter.press(steps > 0 ? 'ArrowUp' : 'ArrowDown');
    }
  }

  /** What the page's clipboard holds (the context needs the clipboard-read permission). */
  async clipboardText(): Promise<string> {
    type InPage = { navigator: { clipboard: { readText(): Promise<string> } } };
    // Runs in the page; this file is type-checked without the DOM library.
    return this.page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText());
  }

  /** Types a line of input and presses Enter. */
  async run(command: string): Promise<void> {
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
  }
}
