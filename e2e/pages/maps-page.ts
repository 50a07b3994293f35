import { expect, type Locator, type Page } from '@playwright/test';

/** The Maps section: its tabs, the graph, the flags beside it. */
export class MapsPage {
  readonly graph: Locator;
  readonly flags: Locator;

  constructor(readonly page: Page) {
    this.graph = page.getByTestId('map-graph');
    this.flags = page.getByTestId('map-flag');
  }

  async open(): Promise<void> {
    const button = this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Maps' });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
  }

  async tab(name: 'Storage' | 'Network'): Promise<void> {
    const tab = this.page.getByRole('tab', { name });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  containerNode(id: string): Locator {
    return this.graph.locator(`[data-testid="map-node"][data-node="container:${id}"]`);
  }

  /** The flag of this kind that is about the container. */
  flagAbout(kind: string, containerId: string): Locator {
    return this.page.locator(`[data-testid="map-flag"][data-kind="${kind}"]`).filter({
      has: this.page.locator(`[data-testid="map-flag-container"][data-container="${containerId}"]`),
    });
  }
}
