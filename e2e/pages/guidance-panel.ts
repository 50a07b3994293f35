import type { Locator, Page } from '@playwright/test';

/** The Reload tab of the details pane. */
export class GuidancePanel {
  readonly panel: Locator;
  readonly verdict: Locator;
  readonly impact: Locator;
  readonly result: Locator;
  readonly probe: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('guidance-panel');
    this.verdict = page.getByTestId('guidance-verdict');
    this.impact = page.getByTestId('guidance-impact');
    this.result = page.getByTestId('guidance-result');
    this.probe = page.getByTestId('guidance-probe');
  }

  /** Opens the details of `name` (its row must be in the table) on the Reload tab. */
  async openFor(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `${name}: show details` }).click();
    await this.page.getByTestId('details').getByRole('tab', { name: 'Reload' }).click();
  }

  button(name: 'Test config' | 'Reload' | 'Restart'): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }

  async confirm(kind: 'reload' | 'restart'): Promise<void> {
    await this.page.getByTestId(`guidance-${kind}-confirm`).click();
  }
}
