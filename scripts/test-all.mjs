#!/usr/bin/env node
// The whole test suite, as the README and CI run it: lint, typecheck, build, unit and integration
// tests (vitest, real Docker engine and X server), end-to-end tests (Playwright in Debian's chromium).
// The runner image is built first, by the app's own code, since the live tests play real games in it.
// Ends with one line: `N passed, N failed[, N skipped]`. A failing lint or typecheck counts as one failure each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = join(process.cwd(), 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function step(name, command, args, env = {}) {
  console.log(`\n── ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  lines.push(`${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

function check(name, command, args) {
  if (!step(name, command, args)) totals.failed += 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('build', 'npx', ['electron-vite', 'build']);
// The runner image, built by the app's own code once here rather than by several test files at once.
check('runner image', 'npm', ['run', '--silent', 'build:runner']);

const vitestJson = join(reports, 'vitest.json');
const vitestOk = step('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that fails to load (e.g. CI without Docker) has no tests to count: it counts as one failure.
  totals.failed += (vitest.testResults ?? []).filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
}
if (!vitestOk && !vitest) totals.failed += 1; // no report at all: the runner itself broke

const playwrightJson = join(reports, 'playwright.json');
const e2eOk = step('end-to-end tests', 'npx', ['playwright', 'test']);
const e2e = readJson(playwrightJson);
if (e2e?.stats) {
  totals.passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  totals.failed += e2e.stats.unexpected;
  totals.skipped += e2e.stats.skipped;
}
if (!e2eOk && !e2e?.stats) totals.failed += 1; // no report at all: the runner itself broke

console.log(`\n── summary\n${lines.join('\n')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
