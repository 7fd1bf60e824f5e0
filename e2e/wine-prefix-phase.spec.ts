// A Windows game's first start in a new, empty prefix, in Debian's chromium against the real core
// (serve mode), Docker engine, Wine and X server: while Wine makes the prefix the session page shows
// it as a launch step with its time so far, and the session card says so too; then the game's window
// opens and the step is gone. The built-in runner copies a ready-made prefix in well under a second,
// too fast for a person (or this test) to see the step: the game is given a runner image of its own,
// built FROM the built-in one without that template, so Wine makes the prefix itself (wineboot, as
// with a runner image that carries no template).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { retitleGame } from '../src/main/test-support/library-fixture';
import {
  WINDOWS_DEMO, expectDemosInLibrary, expectStatus, expectWindow, goTo, openLaunchSettings, pressPlay, runVolume, screenshot, sessionStatus, type Demo,
} from './harness/play-flow';
import { useApp } from './harness/play-specs';

const PREPARING = 'Preparing the Wine prefix… (first start only)';
const NO_TEMPLATE_IMAGE = `dillinger-e2e-no-template:${randomBytes(4).toString('hex')}`;

test.afterAll(() => {
  try {
    execFileSync('docker', ['rmi', '-f', NO_TEMPLATE_IMAGE], { stdio: 'ignore' });
  } catch {
    // never built (the test failed before): nothing to remove
  }
});

test.describe('A first Windows start, serve mode in chromium', () => {
  const app = useApp('serve');

  test('shows the Wine prefix being made as a launch step with its time, on the session page and card, then the game', async () => {
    const { page, dataDir } = await app.open();
    await expectDemosInLibrary(page);
    // A title of this run's own: other runs on this X server play the same demo.
    const demo: Demo = { ...WINDOWS_DEMO, title: `Prefix Demo ${randomBytes(3).toString('hex')}` };
    retitleGame(join(dataDir, 'library'), WINDOWS_DEMO.id, demo.title);
    await expect(page.getByRole('button', { name: `Play ${demo.title}`, exact: true })).toBeVisible({ timeout: 20_000 });
    // The app has built its runner by now (the demos come out of it).
    execFileSync('docker', ['build', '-q', '-t', NO_TEMPLATE_IMAGE, '-'], { input: 'FROM dillinger-runner:local\nRUN rm -rf /opt/dillinger/wine-prefix-template\n', stdio: ['pipe', 'ignore', 'pipe'] });
    await openLaunchSettings(page, demo);
    await page.getByLabel('Runner image', { exact: true }).fill(NO_TEMPLATE_IMAGE);
    const prefix = runVolume('prefix'); // new and empty: Wine makes it on this start
    app.volumes.push(prefix);
    await page.getByLabel('Wine prefix', { exact: true }).fill(prefix);
    await pressPlay(page, demo);

    // The runner image may be rebuilt first (its files changed): generous.
    const step = page.getByRole('listitem').filter({ hasText: PREPARING });
    await expect(step).toBeVisible({ timeout: 180_000 });
    await expect(step).toHaveAttribute('aria-current', 'step');
    await expect(step).toContainText(/\d+ s so far/);
    await expect(page.getByText(/Wine is making this game's prefix/)).toBeVisible();
    // The container does run (the data model's status); the step says what it is busy with.
    await expect(sessionStatus(page)).toHaveText('running');
    await screenshot(page, 'session-windows-preparing-prefix');

    await goTo(page, 'Sessions');
    const card = page.getByRole('list', { name: 'Running sessions' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: demo.title, exact: true }) });
    await expect(card).toContainText(/Preparing the Wine prefix \(first start only\), \d+ s so far/);
    await card.getByRole('link', { name: demo.title, exact: true }).click();

    await expectWindow(demo, true, 120_000);
    await expect(step).toHaveCount(0);
    await expect(sessionStatus(page)).toHaveText('running');
    await goTo(page, 'Sessions');
    await expect(card).not.toContainText('Preparing the Wine prefix');
    await card.getByRole('link', { name: demo.title, exact: true }).click();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expectStatus(page, 'terminated', 60_000);
    await expectWindow(demo, false, 20_000);
  });
});
