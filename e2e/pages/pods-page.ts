import { expect, type Locator, type Page } from '@playwright/test';

/** The Pods section: the clusters above, the virtualized pods table, its filter and count. */
export class PodsPage {
  readonly table: Locator;
  readonly filter: Locator;
  readonly count: Locator;
  readonly clusters: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('pods-table');
    this.filter = page.getByTestId('pods-filter');
    this.count = page.getByTestId('pods-count');
    this.clusters = page.getByTestId('kube-cluster');
  }

  async open(): Promise<void> {
    const button = this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Pods' });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
  }

  cluster(id: string): Locator {
    return this.page.locator(`[data-testid="kube-cluster"][data-cluster="${id}"]`);
  }

  row(namespace: string, name: string): Locator {
    return this.page.locator(`[data-testid="pod-row"][data-namespace="${namespace}"][data-name="${name}"]`);
  }
}
