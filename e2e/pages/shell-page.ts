import type { Locator, Page } from '@playwright/test';

/** The frame around the views: the state of the link to the core, and the no-token screen. */
export class ShellPage {
  readonly coreBanner: Locator;
  readonly noToken: Locator;

  constructor(readonly page: Page) {
    this.coreBanner = page.getByTestId('core-banner');
    this.noToken = page.getByTestId('no-token');
  }
}
