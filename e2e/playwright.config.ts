import { defineConfig } from '@playwright/test';
import { ELECTRON_BINARY } from './fixtures/electron-app';
import type { FaceOption } from './fixtures/test';

// Debian's Chromium, never a downloaded one (`npx playwright install` cannot work on these machines).
const executablePath = process.env.BOSUN_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig<FaceOption>({
  testDir: './specs',
  outputDir: '../test-results',
  // One engine, one Bosun per test, and timings we log: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  expect: {
    timeout: 10_000,
    // Same machine image, same Chromium, same fonts: the pictures match to the pixel, so any difference counts.
    toHaveScreenshot: { animations: 'disabled', caret: 'hide' },
  },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
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
    // Specs about the web mode itself (its token, npm start's fallback) and the pixel baseline stay web-only.
    ...(ELECTRON_BINARY
      ? [
          {
            name: 'electron',
            use: { face: 'electron' as const },
            testIgnore: [/access\.spec/, /npm-start\.spec/, /screenshot-check\.spec/],
          },
        ]
      : []),
  ],
});
