import { defineConfig } from '@playwright/test';

// The README's pictures (npm run screenshots): e2e/screenshots/*.shots.ts, which the e2e suite skips.
export default defineConfig({
  testDir: 'e2e/screenshots',
  testMatch: '**/*.shots.ts',
  outputDir: 'test-results/screenshots-run',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
