// The play specs' scenarios, written once against an opened app, so each spec file declares the same
// tests for both ways of running the app: serve mode in Debian's chromium, and the Electron app
// (skipped, with the reason, where no Electron binary exists).
import Docker from 'dockerode';
import { expect, test } from '@playwright/test';
import { HAS_ELECTRON, NO_ELECTRON_REASON, missingForPlay, openElectron, openServe, type OpenedApp } from './app-driver';
import {
  expectDemosInLibrary, expectGraphPoints, expectInHistory, expectInvalidMemoryBlocksPlay, expectOnSessionsScreen, expectStatus, expectWindow,
  openLaunchSettings, pressPlay, runVolume, screenshot, setEnvironment, type Demo,
} from './play-flow';

export type AppKind = 'serve' | 'electron';
export const APP_KINDS: readonly AppKind[] = ['serve', 'electron'];

export function suiteTitle(demo: Demo, kind: AppKind): string {
  return `${demo.title}, ${kind === 'serve' ? 'serve mode in chromium' : 'Electron app'}`;
}

export interface AppUnderTest {
  kind: AppKind;
  /** Opens the app (once per test); closed after the test, which fails if it left anything behind. */
  open(): Promise<OpenedApp>;
  /** Docker volumes the test made (a Wine prefix), removed after it. */
  volumes: string[];
}

/** Call inside a test.describe: skips where the app cannot run (with why) and cleans up after each test. */
export function useApp(kind: AppKind): AppUnderTest {
  if (kind === 'electron') test.skip(!HAS_ELECTRON, NO_ELECTRON_REASON);
  test.describe.configure({ timeout: 300_000 });
  let opened: OpenedApp | undefined;
  const app: AppUnderTest = {
    kind,
    volumes: [],
    async open() {
      opened = kind === 'serve' ? await openServe(runVolume('library')) : await openElectron();
      return opened;
    },
  };
  test.beforeEach(async () => {
    const missing = await missingForPlay();
    test.skip(missing !== undefined, missing);
  });
  test.afterEach(async () => {
    const left = opened ? await opened.close() : [];
    opened = undefined;
    const docker = new Docker();
    for (const volume of app.volumes.splice(0)) await docker.getVolume(volume).remove().catch(() => undefined);
    expect(left, 'containers (and page errors) the run left behind').toEqual([]);
  });
  return app;
}

/**
 * The library shows the demos; an invalid memory limit shows its error at the field and Play stays
 * disabled; fixed, Play launches the demo: running, its window on the X server, 3+ samples in the
 * graphs, on the Sessions screen too; Stop ends it as terminated; History lists it with its graph.
 */
export async function playStopAndReplay(app: AppUnderTest, demo: Demo): Promise<void> {
  const { page } = await app.open();
  await expectDemosInLibrary(page);
  await openLaunchSettings(page, demo);
  await expectInvalidMemoryBlocksPlay(page);
  if (demo.platform === 'windows') await useOwnWinePrefix(app, page);
  await pressPlay(page, demo);

  await expectStatus(page, 'running');
  await expectWindow(demo, true);
  await expectGraphPoints(page, 'CPU', 3);
  await expectGraphPoints(page, 'Memory', 3);
  // Another time range keeps the samples (stored ones from metrics.query, then live ones).
  await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '5 min', exact: true }).click();
  await expect(page.getByRole('button', { name: '5 min', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expectGraphPoints(page, 'CPU', 3);
  await expect(page.getByRole('region', { name: 'Log' })).toContainText('demo: started');
  await screenshot(page, `session-${demo.platform}-${app.kind}`);
  await expectOnSessionsScreen(page, demo);

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expectStatus(page, 'terminated', 60_000);
  await expectWindow(demo, false, 20_000);
  await expectInHistory(page, demo, 'terminated');
  await screenshot(page, `history-${demo.platform}-${app.kind}`);
}

/** DEMO_EXIT_CODE=3 set in the form's environment table: the session ends crashed, saying exit code 3. */
export async function crashWithExitCode3(app: AppUnderTest, demo: Demo): Promise<void> {
  const { page } = await app.open();
  await expectDemosInLibrary(page);
  await openLaunchSettings(page, demo);
  if (demo.platform === 'windows') await useOwnWinePrefix(app, page);
  // Long enough to be sampled a few times: History replays its graph too.
  await setEnvironment(page, { DEMO_EXIT_AFTER: '5', DEMO_EXIT_CODE: '3' });
  await pressPlay(page, demo);
  await expectStatus(page, 'crashed', 120_000);
  await expect(page.getByText('Exit code 3', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'exited with code 3' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
  await screenshot(page, `crashed-${demo.platform}-${app.kind}`);
  await expectInHistory(page, demo, 'crashed', /Exit code 3/, 2);
}

/** A Wine prefix volume of the test's own (removed after it), so no run reuses another's prefix. */
async function useOwnWinePrefix(app: AppUnderTest, page: OpenedApp['page']): Promise<void> {
  const volume = runVolume('prefix');
  app.volumes.push(volume);
  await page.getByLabel('Wine prefix', { exact: true }).fill(volume);
}
