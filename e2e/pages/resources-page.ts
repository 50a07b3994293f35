import { expect, type Locator, type Page } from '@playwright/test';

export type SectionName = 'Containers' | 'Images' | 'Volumes' | 'Networks' | 'Disk use';

/** The section switcher and the images, volumes, networks and disk views, by what a user sees. */
export class ResourcesPage {
  readonly sections: Locator;
  readonly removeDialog: Locator;
  readonly pruneDialog: Locator;

  constructor(readonly page: Page) {
    this.sections = page.getByRole('navigation', { name: 'Sections' });
    this.removeDialog = page.getByTestId('res-remove-dialog');
    this.pruneDialog = page.getByTestId('prune-dialog');
  }

  /** Opens a section and waits until the switcher marks it as the current one. */
  async open(name: SectionName): Promise<void> {
    const button = this.sections.getByRole('button', { name, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
  }

  async filter(noun: 'image' | 'volume' | 'network', text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: `Filter ${noun}s` }).fill(text);
  }

  imageRow(name: string): Locator {
    return this.page.locator(`[data-testid="image-row"][data-name="${name}"]`);
  }

  volumeRow(name: string): Locator {
    return this.page.locator(`[data-testid="volume-row"][data-name="${name}"]`);
  }

  networkRow(name: string): Locator {
    return this.page.locator(`[data-testid="network-row"][data-name="${name}"]`);
  }

  /** Clicks the row's Remove… button, and answers the dialog that opens. */
  async askToRemove(row: Locator): Promise<Locator> {
    await row.getByRole('button', { name: /^Remove / }).click();
    await expect(this.removeDialog).toBeVisible();
    return this.removeDialog;
  }

  /** The per-item results the remove dialog shows after the action. */
  results(): Locator {
    return this.removeDialog.getByTestId('res-result');
  }
}
