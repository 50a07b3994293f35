import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { openDetailsTab, useDownloadLinks } from './details-pane';

/**
 * The Logs tab of the details pane: its toolbar, search, strips and the (virtualized) lines. Lines are
 * read from the rows in the page: `data-stream` says stdout or stderr, `.log-text` holds the text.
 */
export class LogsPanel {
  readonly panel: Locator;
  readonly list: Locator;
  readonly lines: Locator;
  readonly search: Locator;
  readonly searchCount: Locator;
  readonly followToggle: Locator;
  readonly downloadButton: Locator;
  readonly downloadStrip: Locator;
  /** "1,000 lines": how many lines the viewer holds. */
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('logs-panel');
    this.list = this.panel.getByTestId('log-list');
    this.lines = this.panel.getByTestId('log-line');
    this.search = this.panel.getByRole('searchbox', { name: 'Search the log' });
    this.searchCount = this.panel.getByTestId('log-search-count');
    this.followToggle = this.panel.getByRole('button', { name: 'Follow' });
    this.downloadButton = this.panel.getByRole('button', { name: 'Download' });
    this.downloadStrip = this.panel.getByTestId('log-download');
    this.count = this.panel.getByTestId('log-count');
  }

  /** Downloads through `<a download>` links Playwright sees (see useDownloadLinks). */
  async useDownloadLinks(): Promise<void> {
    await useDownloadLinks(this.page);
  }

  /** Opens the details of the container `name` (its row must be in the table) on the Logs tab. */
  async openFor(name: string): Promise<void> {
    await openDetailsTab(this.page, name, 'Logs');
    await expect(this.panel).toBeVisible();
  }

  /** The row showing exactly `text`. */
  line(text: string): Locator {
    return this.lines.filter({
      has: this.page.locator('.log-text', { hasText: new RegExp(`^${escape(text)}$`) }),
    });
  }

  /** The texts of the rows in the page, top to bottom. */
  async texts(): Promise<string[]> {
    return this.lines.locator('.log-text').allTextContents();
  }

  async waitForLine(text: string, timeout = 15_000): Promise<Locator> {
    const line = this.line(text);
    await expect(line, `a log line "${text}"`).toHaveCount(1, { timeout });
    return line;
  }

  async find(query: string): Promise<void> {
    await this.search.fill(query);
  }

  async nextMatch(): Promise<void> {
    await this.search.press('Enter');
  }

  /** The line holding the selected search match. */
  currentMatchLine(): Locator {
    return this.lines.filter({ has: this.page.locator('mark.log-match-current') });
  }

  /** Clicks Download and returns the file Playwright caught. */
  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.downloadButton.click()]);
    return download;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
