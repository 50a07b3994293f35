import type { Page } from '@playwright/test';

export type DetailTabName = 'Logs' | 'Stats' | 'Inspect' | 'Files';

/** Opens the details of the container `name` (its row must be in the table) on one of its tabs. */
export async function openDetailsTab(page: Page, name: string, tab: DetailTabName): Promise<void> {
  await page.getByRole('button', { name: `${name}: show details` }).click();
  await page.getByTestId('details').getByRole('tab', { name: tab }).click();
}

/**
 * Playwright cannot drive the native save picker: without it downloads are saved through an
 * `<a download>` click, which Playwright sees as a download. Call before the page is (re)loaded.
 */
export async function useDownloadLinks(page: Page): Promise<void> {
  await page.addInitScript({
    content: `delete window.showSaveFilePicker;
        if ('showSaveFilePicker' in window) Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });`,
  });
}
