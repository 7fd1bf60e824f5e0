import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real UI in Debian's chromium against the real core (serve mode).
// Never `npx playwright install`: that download cannot work here; /usr/bin/chromium is used instead.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
});
