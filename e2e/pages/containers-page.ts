import { expect, type Locator, type Page } from '@playwright/test';

/** The containers view, by what a user sees and the test ids the renderer promises (no transport knowledge). */
export class ContainersPage {
  readonly table: Locator;
  readonly filter: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly unavailableBanners: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('containers-table');
    this.filter = page.getByRole('searchbox', { name: 'Filter containers' });
    this.count = page.getByTestId('containers-count');
    this.rows = page.getByTestId('container-row');
    this.emptyState = page.getByTestId('empty-state');
    this.unavailableBanners = page.getByTestId('unavailable-banner');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="container-row"][data-name="${name}"]`);
  }

  /** Names of the rows in the page, top to bottom (the visible window of the virtual list). */
  async rowNames(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name') ?? ''));
  }

  /** name → state of the rendered rows whose name contains `part`. */
  async statesOf(part: string): Promise<Record<string, string>> {
    const pairs = await this.rows.evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-name') ?? '', row.getAttribute('data-state') ?? ''] as const),
    );
    return Object.fromEntries(pairs.filter(([name]) => name.includes(part)));
  }

  async filterBy(text: string): Promise<void> {
    await this.filter.fill(text);
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByRole('columnheader', { name: column }).getByRole('button').click();
  }

  unavailableBanner(connectionName: string): Locator {
    return this.unavailableBanners.filter({ hasText: `${connectionName} is unavailable` });
  }

  /** The banner of one engine whose rows are missing or stale (unavailable or reconnecting), by connection id. */
  engineBanner(connectionId: string): Locator {
    return this.page.locator(`[data-testid="unavailable-banner"][data-connection="${connectionId}"]`);
  }

  /** The part of the page the table's header and rows cover, without the empty space below them. */
  async tableContentBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const groups = this.table.getByRole('rowgroup');
    const head = await groups.first().boundingBox();
    const body = await groups.last().boundingBox();
    if (!head || !body) throw new Error('The containers table has no header or body on screen.');
    return { x: head.x, y: head.y, width: head.width, height: body.y + body.height - head.y };
  }

  async waitForTable(): Promise<void> {
    await expect(this.table).toBeVisible();
  }
}
