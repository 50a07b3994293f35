import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMajor } from './fixtures/chromium';
import { ELECTRON_BINARY } from './fixtures/electron-app';
import type { FaceOption } from './fixtures/test';

const executablePath = CHROMIUM_PATH;

export default defineConfig<FaceOption>({
  testDir: './specs',
  outputDir: '../test-results',
  // Baselines per Chromium major (screenshot-check.spec.ts says so when one is missing): an upgraded browser
  // then asks for new pictures instead of failing on a font's antialiasing.
  snapshotPathTemplate: `{snapshotDir}/{testFileDir}/{testFileName}-snapshots/chromium-${chromiumMajor(executablePath)}/{arg}{-projectName}{-snapshotSuffix}{ext}`,
  // One engine, one Bosun per test, and timings we log: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  expect: {
    timeout: 10_000,
    // Same Chromium major (see snapshotPathTemplate) and the fonts up.sh installs: what may differ from one
    // machine to the next is a few stray pixels. A whole badge drawn in another colour changes only ~84 pixels
    // of the table (its background is within the per-pixel threshold; its text is not), so the budget stays
    // below that: 0.02 % of the header and five rows is ~38 pixels. 0.2 % let such a change pass.
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.0002 },
  },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: [...CHROMIUM_ARGS],
    },
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web' },
    // The real app, where its binary could be downloaded: the same specs through the same page objects.
    // Specs about the web mode itself (its token, npm start's fallback, its WebSocket frames) and the pixel
    // baseline stay web-only.
    ...(ELECTRON_BINARY
      ? [
          {
            name: 'electron',
            use: { face: 'electron' as const },
            testIgnore: [/access\.spec/, /npm-start\.spec/, /screenshot-check\.spec/, /no-polling\.spec/],
          },
        ]
      : []),
  ],
});
