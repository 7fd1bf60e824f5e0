// A game's launch settings in Debian's chromium against the real core in serve mode: live validation,
// save, preview and reset, and the question before leaving with unsaved changes (Play plays them).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callContract, dockerMemoryLimit, waitForSessionFile } from './harness/core-probes';
import { SCREENSHOTS, openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp(prepareLibrary);
});
// stop() also removes the containers of the run's sessions (Play below starts one).
test.afterEach(async () => {
  await app.stop();
});

test("a game's launch settings: live validation, save, reload, preview, reset", async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app);
  await page.getByRole('link', { name: 'Settings for Tux Racer' }).click();
  await expect(page).toHaveURL(/#\/games\/tux-racer\/settings$/);
  await expect(page.getByRole('heading', { name: 'Launch settings' })).toBeVisible();

  for (const label of ['Display mode', 'Resolution', 'Refresh rate', 'Wine prefix', 'CPU limit (cores)', 'Memory limit', 'Disk limit', 'GPU access', 'GPU devices', 'Audio', 'Network']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Environment variables' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Volume mounts' })).toBeVisible();
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeEnabled();

  // An invalid memory limit: the message at the field (aria-describedby), Play disabled.
  const memory = page.getByLabel('Memory limit');
  await memory.fill('12zz');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await memory.getAttribute('aria-describedby');
  const fieldError = page.locator(`[id="${describedBy?.split(' ')[0]}"]`);
  await expect(fieldError).toHaveAttribute('role', 'alert');
  await expect(fieldError).toContainText('not a size Docker understands');
  await expect(play).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'game-settings-error.png'), fullPage: false });

  // Fixed: the message goes, Play comes back.
  await memory.fill('2G');
  await expect(memory).not.toHaveAttribute('aria-invalid', 'true');
  await expect(fieldError).toHaveCount(0);
  await expect(play).toBeEnabled();

  // More than this computer has, by the shared rules with live host facts.
  await page.getByLabel('CPU limit (cores)').fill('100000');
  await expect(page.getByRole('alert').filter({ hasText: 'CPU core' })).toBeVisible();
  await expect(play).toBeDisabled();
  await page.getByLabel('CPU limit (cores)').fill('1.5');
  await expect(play).toBeEnabled();

  // A variable, and a mount in memory.
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Name of variable 1').fill('GAME_MODE');
  await page.getByLabel('Value of variable 1').fill('fast');
  await page.getByRole('button', { name: 'Add mount' }).click();
  await page.getByLabel('Type of mount 1').selectOption('tmpfs');
  await page.getByLabel('Container path of mount 1').fill('/scratch');
  await expect(play).toBeEnabled();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Memory limit')).toHaveValue('2G');
  await expect(page.getByLabel('CPU limit (cores)')).toHaveValue('1.5');
  await expect(page.getByLabel('Name of variable 1')).toHaveValue('GAME_MODE');
  await expect(page.getByLabel('Container path of mount 1')).toHaveValue('/scratch');

  await page.getByRole('button', { name: 'Preview container' }).click();
  const preview = page.getByRole('region', { name: 'Container preview' });
  await expect(preview).toContainText('2 GiB');
  await expect(preview).toContainText('1.5 cores');
  await expect(preview).toContainText('/scratch');
  await expect(preview).toContainText('GAME_MODE');
  await preview.screenshot({ path: join(SCREENSHOTS, 'container-preview.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, 'game-settings.png') });

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByLabel('Memory limit')).toHaveValue('');
  await expect(page.getByRole('table', { name: 'Environment variables' })).toContainText('None');
  await page.reload();
  await expect(page.getByLabel('Memory limit')).toHaveValue('');

  // The disk limit says what an empty one means: the core's default.
  await expect(page.getByText('empty: 2G.')).toBeVisible();

  // At 1024×700 the form still fits.
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
});

test('leaving launch settings with unsaved changes asks first; Play plays them without asking', async ({ browser }) => {
  // This run's own library volume (the shared one may still be bound to another run's folder), and a
  // stand-in game that stays a while, so its container can be looked at (stop() removes it).
  await app.stop();
  app = await serveApp(prepareLibrary, { libraryVolume: `dillinger_e2e_leave_${randomBytes(4).toString('hex')}` });
  writeFileSync(join(app.libraryDir, 'tux', 'tux'), '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
  const page = await browser.newPage();
  await openScreen(page, app);
  await page.getByRole('link', { name: 'Settings for Tux Racer' }).click();
  const memory = page.getByLabel('Memory limit');
  await expect(memory).toHaveValue('');
  const settingsUrl = /#\/games\/tux-racer\/settings$/;
  const ask = page.getByRole('dialog', { name: 'Unsaved changes' });

  // Nothing changed: leaving asks nothing.
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Settings for Tux Racer' }).click();
  await expect(memory).toBeVisible();

  await memory.fill('3G');
  await expect(page.getByRole('status').filter({ hasText: 'Play plays these settings; Save keeps them for next time' })).toBeVisible();

  // A nav link: the question, and Stay keeps the edit.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Tux Racer');
  await expect(ask.getByRole('button', { name: 'Stay' })).toBeFocused();
  await expect(page).toHaveURL(settingsUrl);
  await ask.getByRole('button', { name: 'Stay' }).click();
  await expect(ask).toHaveCount(0);
  await expect(memory).toHaveValue('3G');

  // The browser's Back: asked too, and the address stays. Escape is Stay.
  await page.goBack();
  await expect(ask).toBeVisible();
  await expect(page).toHaveURL(settingsUrl);
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(memory).toHaveValue('3G');

  // Closing or reloading the window: the browser's own warning.
  // (page.close's runBeforeUnload shows nothing in this chromium; a reload does.) Dismissed, the page stays.
  const warned = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    });
  });
  await page.evaluate(() => window.location.reload()).catch(() => undefined);
  expect(await warned).toBe('beforeunload');
  await expect(memory).toHaveValue('3G');

  // Play launches the form as it is, and goes to its session without asking.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).toHaveURL(/#\/sessions\/sess_[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(ask).toHaveCount(0);
  const sessionId = /#\/sessions\/(sess_[0-9a-f-]{36})$/.exec(page.url())?.[1];
  const record = await waitForSessionFile(app.dataDir, sessionId!);
  expect(record).toMatchObject({ gameId: 'tux-racer' });
  // Its container got the unsaved 3G memory limit.
  await expect.poll(() => dockerMemoryLimit(String(record.containerId)), { timeout: 15_000 }).toBe(3 * 1024 ** 3);

  // Back to the settings (not saved: empty again), edit, and leave by the Back link: Leave without saving goes.
  await openScreen(page, app, '#/games/tux-racer/settings');
  await expect(memory).toHaveValue('');
  await memory.fill('1G');
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/#\/library$/);
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
  const games = JSON.stringify(await callContract(page, 'games.settings.get', { gameId: 'tux-racer' }));
  expect(games).not.toContain('1G');
});
