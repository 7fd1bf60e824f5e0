// axe-core on every screen of the real UI, in Debian's chromium against the real core in serve mode:
// the library (with its problems and the platform chooser), the Add, Edit and Remove dialogs, a
// game's launch settings (with an error shown) and its container preview, a running session, the
// Sessions screen, an ended session, History and Settings. No serious or critical violation on any.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeGame } from '../src/main/test-support/library-fixture';
import { seriousViolations } from './harness/axe';
import { card, openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp((paths) => {
    prepareLibrary(paths);
    writeGame(paths.libraryDir, 'broken', '{ "id": ');
    // Tux Racer's stand-in runs long enough to be seen running, and is stopped by the test.
    writeFileSync(join(paths.libraryDir, 'tux', 'tux'), '#!/bin/sh\nexec sleep 300\n', { mode: 0o755 });
  });
});
test.afterEach(async () => {
  expect(await app.stop()).toEqual([]);
});

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), `serious or critical axe violations on ${screen}`).toEqual([]);
}

test('no serious or critical axe violation on any screen or dialog', async ({ browser }) => {
  // The first launch after a change to resources/runner rebuilds the runner image: allow for it.
  test.setTimeout(360_000);
  // axe-core/playwright needs a page of a context made with newContext().
  const context = await browser.newContext();
  const page = await context.newPage();
  await openScreen(page, app);
  await expect(card(page, 'Tux Racer')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Library problems' })).toContainText('broken');
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await expectAccessible(page, 'the library');

  await page.getByRole('button', { name: 'Play Two Worlds' }).click();
  await expect(page.getByRole('group', { name: 'Choose a platform for Two Worlds' })).toBeVisible();
  await expectAccessible(page, 'the platform chooser');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Add game' }).click();
  const add = page.getByRole('dialog', { name: 'Add a game' });
  await expect(add).toBeVisible();
  await expectAccessible(page, 'the Add game dialog');
  await add.getByRole('button', { name: 'Add game' }).click();
  await expect(add.getByRole('alert').first()).toBeVisible();
  await expectAccessible(page, 'the Add game dialog with its errors');
  await add.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Edit Two Worlds' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Two Worlds' })).toBeVisible();
  await expectAccessible(page, 'the Edit dialog');
  await page.getByRole('dialog', { name: 'Edit Two Worlds' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Remove Two Worlds' }).click();
  await expect(page.getByRole('dialog', { name: 'Remove Two Worlds?' })).toBeVisible();
  await expectAccessible(page, 'the Remove dialog');
  await page.getByRole('dialog', { name: 'Remove Two Worlds?' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Settings for Two Worlds' }).click();
  await expect(page.getByRole('heading', { name: 'Launch settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByRole('button', { name: 'Add mount' }).click();
  await expectAccessible(page, 'the launch settings');
  await page.getByLabel('Memory limit').fill('lots');
  await expect(page.getByLabel('Memory limit')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the launch settings with an error');
  await page.getByLabel('Memory limit').fill('');
  await page.getByRole('button', { name: 'Remove variable 1' }).click();
  await page.getByRole('button', { name: 'Remove mount 1' }).click();
  await page.getByRole('button', { name: 'Preview container' }).click();
  await expect(page.getByRole('region', { name: 'Container preview' })).toContainText('Image');
  await expectAccessible(page, 'the container preview');

  await openScreen(page, app, '#/settings');
  await expect(page.getByLabel('Data folder')).toHaveValue(app.dataDir);
  await expectAccessible(page, 'Settings');

  await openScreen(page, app);
  await page.getByRole('button', { name: 'Play Tux Racer' }).click();
  await expect(page).toHaveURL(/#\/sessions\/sess_[0-9a-f-]{36}$/, { timeout: 30_000 });
  const status = page.getByRole('status', { name: 'Session status' });
  await expectAccessible(page, 'a starting session');
  await expect(status).toHaveText('running', { timeout: 240_000 });
  await expectAccessible(page, 'a running session');
  const session = page.url();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByRole('list', { name: 'Running sessions' })).toContainText('Tux Racer');
  await expectAccessible(page, 'the Sessions screen');

  await page.goto(session);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(status).toHaveText('terminated', { timeout: 60_000 });
  await expectAccessible(page, 'an ended session');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const row = page.getByRole('table', { name: 'Past sessions' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tux Racer' }) });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'History');
  await row.getByRole('button', { name: /^Graphs of Tux Racer/ }).click();
  await expect(page.getByRole('region', { name: 'Replay of Tux Racer' })).toBeVisible();
  await expectAccessible(page, "History with a session's replay");

  await openScreen(page, app, '#/no-such-screen');
  await expect(page.getByRole('heading', { name: 'Nothing here' })).toBeVisible();
  await expectAccessible(page, 'the screen for an unknown address');
  await context.close();
});
