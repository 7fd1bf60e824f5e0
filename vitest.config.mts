import { defineConfig } from 'vitest/config';

// Two projects. `unit`: no Docker engine, no X server, runs anywhere (`npm run test:unit`).
// `live`: the *.live.test.ts files, which play real games on the real engine and displays.
// `npx vitest run` (and `npm test`) runs both.
const ALL_TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'];
const LIVE_TESTS = ['src/**/*.live.test.ts', 'scripts/**/*.live.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one Docker engine and X server: keep files from stepping on each other.
    fileParallelism: true,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ALL_TESTS, exclude: LIVE_TESTS } },
      { extends: true, test: { name: 'live', include: LIVE_TESTS } },
    ],
  },
});
