// The app under test, two ways: serve mode in Debian's chromium (every machine here), or the real
// Electron app through Playwright's _electron.launch wherever an Electron binary exists
// (ELECTRON_OVERRIDE_DIST_PATH). Both get a data dir of their own and, on close, answer what they
// left behind (containers of their sessions), having removed it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type Page } from '@playwright/test';
import { launchChromium } from './chromium';
import { findRealEngine } from '../../src/main/test-support/real-engine';
import { collectLeftovers } from './leftovers';
import { serveApp } from './serve-app';
import { displayEnv, testDisplay } from './x-display';

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
export const ELECTRON_BINARY = dist ? join(dist, 'electron') : undefined;
export const HAS_ELECTRON = ELECTRON_BINARY !== undefined && existsSync(ELECTRON_BINARY);
export const NO_ELECTRON_REASON = 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to an Electron build (it cannot be downloaded on our machines)';

export interface OpenedApp {
  page: Page;
  dataDir: string;
  /** Closes the app, removes what it left and answers it ([] when it left nothing). */
  close(): Promise<string[]>;
}

/** Why the play specs cannot run here (no engine, no X server), or undefined. In CI a missing one fails instead. */
export async function missingForPlay(): Promise<string | undefined> {
  const engine = await findRealEngine();
  if (!engine.available) return engine.reason;
  const x = testDisplay();
  return x.available ? undefined : x.reason;
}

/** Serve mode with a library volume of its own, in a chromium of its own. */
export async function openServe(libraryVolume: string): Promise<OpenedApp> {
  const app = await serveApp(undefined, { libraryVolume });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  return {
    page,
    dataDir: app.dataDir,
    async close() {
      await browser.close().catch(() => undefined);
      const left = await app.stop();
      return [...left, ...errors.map((e) => `page error: ${e}`)];
    },
  };
}

export async function openElectron(): Promise<OpenedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-electron-'));
  const app = await electron.launch({
    executablePath: ELECTRON_BINARY,
    args: [resolve(__dirname, '..', '..', 'out', 'main', 'index.js')],
    env: { ...process.env, ...displayEnv(), DILLINGER_DATA_DIR: dataDir } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1280, height: 800 }).catch(() => undefined);
  return {
    page,
    dataDir,
    async close() {
      await app.close();
      const left = await collectLeftovers(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      return left;
    },
  };
}
