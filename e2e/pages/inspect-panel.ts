import { expect, type Locator, type Page } from '@playwright/test';
import { openDetailsTab } from './details-pane';

/**
 * The Inspect tab of the details pane: its summary (sections, the environment table) and the raw JSON
 * view with its search and Copy. Environment rows carry `data-name` and, for secrets, `data-secret`
 * (masked or revealed).
 */
export class InspectPanel {
  readonly panel: Locator;
  readonly summary: Locator;
  readonly env: Locator;
  readonly secrets: Locator;
  readonly revealButton: Locator;
  readonly hideButton: Locator;
  readonly raw: Locator;
  readonly rawBody: Locator;
  readonly search: Locator;
  readonly matchCount: Locator;
  readonly currentMatch: Locator;
  readonly copyButton: Locator;
  readonly copyStatus: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('inspect-panel');
    this.summary = this.panel.getByTestId('inspect-summary');
    this.env = this.panel.getByTestId('inspect-env');
    this.secrets = this.panel.getByTestId('inspect-secrets');
    this.revealButton = this.panel.getByRole('button', { name: 'Reveal secrets' });
    this.hideButton = this.panel.getByRole('button', { name: 'Hide secrets' });
    this.raw = this.panel.getByTestId('raw-json');
    this.rawBody = this.raw.locator('.json-body');
    this.search = this.raw.getByRole('searchbox', { name: 'Search the raw JSON' });
    this.matchCount = this.raw.getByTestId('json-match-count');
    this.currentMatch = this.raw.locator('[data-current-match]');
    this.copyButton = this.raw.getByRole('button', { name: /^Copy/ });
    this.copyStatus = this.raw.getByTestId('copy-status');
  }

  /** Opens the details of the container `name` (its row must be in the table) on the Inspect tab. */
  async openFor(name: string): Promise<void> {
    await openDetailsTab(this.page, name, 'Inspect');
    await expect(this.summary).toBeVisible();
  }

  /** The value cell of the environment variable `name`. */
  envValue(name: string): Locator {
    return this.env.locator(`tr[data-name="${name}"] .inspect-value`);
  }

  envRow(name: string): Locator {
    return this.env.locator(`tr[data-name="${name}"]`);
  }

  /** The definition (value) of `key` in the section titled `section`. */
  fact(section: string, key: string): Locator {
    return this.panel
      .getByRole('region', { name: section })
      .locator('.inspect-row', { has: this.page.locator('dt', { hasText: new RegExp(`^${key}$`) }) })
      .locator('dd');
  }

  async showRaw(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Raw JSON' }).click();
    await expect(this.raw).toBeVisible();
  }

  async showSummary(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Summary' }).click();
    await expect(this.summary).toBeVisible();
  }

  /** What the page's clipboard holds (the context needs the clipboard-read permission). */
  async clipboardText(): Promise<string> {
    type InPage = { navigator: { clipboard: { readText(): Promise<string> } } };
    // Runs in the page; this file is type-checked without the DOM library.
    return this.page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText());
  }
}
