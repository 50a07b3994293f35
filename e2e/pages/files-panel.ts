import { expect, type Download, type Locator, type Page } from '@playwright/test';

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

  /**
   * Playwright cannot drive the native save picker: without it downloads are saved through an
   * `<a download>` click, which Playwright sees as a download. Call before the page is (re)loaded.
   */
  async useDownloadLinks(): Promise<void> {
    await this.page.addInitScript({
      content: `delete window.showSaveFilePicker;
        if ('showSaveFilePicker' in window) Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });`,
    });
  }

  /** Opens the details of the container `name` (its row must be in the table) on the Files tab. */
  async openFor(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${name}: show details` }).click();
    await this.page.getByTestId('details').getByRole('tab', { name: 'Files' }).click();
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
