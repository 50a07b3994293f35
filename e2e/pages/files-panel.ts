import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { openDetailsTab, useDownloadLinks } from './details-pane';

/**
 * The Files tab of the details pane: the path bar, the entry list (rows carry `data-name` and
 * `data-type`), Upload, the Changes view and the transfers strip (`data-state` running, done, failed).
 */
export class FilesPanel {
  readonly panel: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  readonly path: Locator;
  readonly uploadInput: Locator;
  readonly changesToggle: Locator;
  readonly changes: Locator;
  readonly transfers: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('files-panel');
    this.list = this.panel.getByTestId('files-list');
    this.rows = this.panel.getByTestId('files-row');
    this.path = this.panel.getByTestId('files-path');
    this.uploadInput = this.panel.getByTestId('files-upload-input');
    this.changesToggle = this.panel.getByTestId('files-changes-toggle');
    this.changes = this.panel.getByTestId('files-changes');
    this.transfers = this.panel.getByTestId('files-transfer');
  }

  /** Downloads through `<a download>` links Playwright sees (see useDownloadLinks). */
  async useDownloadLinks(): Promise<void> {
    await useDownloadLinks(this.page);
  }

  /** Opens the details of the container `name` (its row must be in the table) on the Files tab. */
  async openFor(name: string): Promise<void> {
    await openDetailsTab(this.page, name, 'Files');
    await expect(this.panel).toBeVisible();
  }

  row(name: string): Locator {
    return this.panel.locator(`[data-testid="files-row"][data-name="${name}"]`);
  }

  async rowNames(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name') ?? ''));
  }

  async waitForPath(path: string): Promise<void> {
    await expect(this.path).toHaveAttribute('data-path', path);
  }

  /** Opens a folder by double-clicking its row. */
  async openFolder(name: string): Promise<void> {
    await this.row(name).dblclick();
  }

  /** Types a path into the path bar and presses Enter. */
  async goTo(path: string): Promise<void> {
    await this.panel.getByRole('button', { name: 'Edit' }).click();
    await this.panel.getByTestId('files-path-input').fill(path);
    await this.panel.getByTestId('files-path-input').press('Enter');
  }

  /** Clicks the row's Download and returns the file Playwright caught. */
  async download(name: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.row(name)
        .getByRole('button', { name: `Download ${name}` })
        .click(),
    ]);
    return download;
  }

  async upload(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.uploadInput.setInputFiles(files);
  }

  async showChanges(): Promise<void> {
    await this.changesToggle.click();
    await expect(this.changes).toBeVisible();
  }

  changeRow(path: string): Locator {
    return this.changes
      .getByTestId('files-change')
      .filter({ has: this.page.getByRole('button', { name: path, exact: true }) });
  }
}
