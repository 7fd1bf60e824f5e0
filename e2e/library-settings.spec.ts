// The library, adding, editing and removing games, and the app's Settings, in Debian's chromium against
// the real core in serve mode: what a player does, found by the names a screen reader hears. A game's
// launch settings are in library-settings-launch.spec.ts.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callContract, waitForSessionFile } from './harness/core-probes';
import { SCREENSHOTS, card, coverPng, openScreen, prepareLibrary } from './harness/library-app';
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

test('the library: demo games, search, platform filter, and a screenshot at two sizes', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await openScreen(page, app);

  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
  await expect(card(page, 'Tux Racer')).toBeVisible();
  await expect(card(page, 'Two Worlds')).toContainText('Windows');
  // A fresh install seeds the demos from the runner image (built first when missing: allow for it).
  await expect(card(page, 'Dillinger Demo (Linux)')).toBeVisible({ timeout: 90_000 });
  await expect(card(page, 'Dillinger Demo (Windows)')).toBeVisible({ timeout: 30_000 });
  await expect(card(page, 'Tux Racer')).toContainText('Never played');
  await expect(page.getByRole('button', { name: 'Play Tux Racer' })).toBeEnabled();
  await expect(page.getByRole('link', { name: 'Settings for Tux Racer' })).toBeVisible();
  // Its cover.png (game.json's cover) shows as an image in its card; a game without one keeps the generated cover.
  const cover = card(page, 'Tux Racer').locator('img');
  await expect(cover).toHaveAttribute('src', /^data:image\/png;base64,iVBORw0KGgo/);
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expect(card(page, 'Two Worlds').locator('img')).toHaveCount(0);
  // The host strip: this computer's CPU and memory, as text, on every screen.
  const host = page.getByRole('region', { name: 'Host' });
  await expect(host).toContainText(/CPU\s*\d+(\.\d)?%/, { timeout: 10_000 });
  await expect(host).toContainText(/Memory\s*[\d.]+ [KMGT]?i?B of [\d.]+ [KMGT]?i?B/);
  await page.screenshot({ path: join(SCREENSHOTS, 'library.png') });

  const search = page.getByRole('searchbox', { name: 'Search games' });
  await search.fill('demo');
  await expect(page.getByRole('article')).toHaveCount(2);
  await page.getByLabel('Platform').selectOption('windows');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(card(page, 'Dillinger Demo (Windows)')).toBeVisible();
  await search.fill('');
  await expect(page.getByRole('article')).toHaveCount(2); // Two Worlds and the Windows demo
  await expect(card(page, 'Two Worlds')).toBeVisible();
  await page.getByLabel('Platform').selectOption('all');
  await search.fill('nothing like this');
  await expect(page.getByRole('article')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(page.getByRole('article')).toHaveCount(4);

  // "/" jumps to the search box.
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();

  // A game with two platforms asks which one to play.
  await page.getByRole('button', { name: 'Play Two Worlds' }).click();
  await expect(page.getByRole('group', { name: 'Choose a platform for Two Worlds' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play Two Worlds on Linux' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Play Two Worlds on Windows' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Choose a platform for Two Worlds' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play Two Worlds' })).toBeFocused();

  // Down to 1024×700 nothing overflows sideways.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(card(page, 'Tux Racer')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: join(SCREENSHOTS, 'library-1024x700.png') });
  expect(errors).toEqual([]);
});

test('add a game, edit it, and remove it with confirmation: its files stay', async ({ browser }) => {
  const page = await browser.newPage();
  mkdirSync(join(app.libraryDir, 'star-raiders'));
  writeFileSync(join(app.libraryDir, 'star-raiders', 'raiders'), '#!/bin/sh\n', { mode: 0o755 });
  await openScreen(page, app);
  await expect(card(page, 'Tux Racer')).toBeVisible();

  await page.getByRole('button', { name: 'Add game' }).click();
  const add = page.getByRole('dialog', { name: 'Add a game' });
  await add.getByLabel('Game folder').fill('star-raiders');
  await add.getByLabel('Title').fill('Star Raiders');
  await add.getByRole('checkbox', { name: 'Linux' }).check();
  // A wrong executable is refused at its field.
  await add.getByLabel('Linux executable').fill('missing-binary');
  await add.getByRole('button', { name: 'Add game' }).click();
  await expect(add.getByRole('alert').first()).toContainText('missing-binary');
  await add.getByLabel('Linux executable').fill('raiders');
  await add.getByRole('button', { name: 'Add game' }).click();
  await expect(add).toHaveCount(0);
  await expect(card(page, 'Star Raiders')).toBeVisible();
  const manifest = JSON.parse(readFileSync(join(app.libraryDir, 'star-raiders', 'game.json'), 'utf8'));
  expect(manifest).toMatchObject({ title: 'Star Raiders', platforms: [{ platform: 'linux', executable: 'raiders' }] });

  await page.getByRole('button', { name: 'Edit Star Raiders' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Star Raiders' });
  await edit.getByLabel('Title').fill('Star Raiders II');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(card(page, 'Star Raiders II')).toBeVisible();
  expect(JSON.parse(readFileSync(join(app.libraryDir, 'star-raiders', 'game.json'), 'utf8')).title).toBe('Star Raiders II');

  // A cover: a file that is not there is refused at its field; one that is shows in the card; "No cover" takes it away.
  writeFileSync(join(app.libraryDir, 'star-raiders', 'box.png'), coverPng(40, 30, [200, 30, 60], [20, 200, 120]));
  await expect(card(page, 'Star Raiders II').locator('img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit Star Raiders II' }).click();
  const editCover = page.getByRole('dialog', { name: 'Edit Star Raiders II' });
  await editCover.getByLabel('Cover image').fill('missing.png');
  await editCover.getByRole('button', { name: 'Save changes' }).click();
  await expect(editCover.getByRole('alert').first()).toContainText('missing.png');
  await expect(editCover.getByLabel('Cover image')).toHaveAttribute('aria-invalid', 'true');
  await editCover.getByLabel('Cover image').fill('box.png');
  await editCover.getByRole('button', { name: 'Save changes' }).click();
  await expect(editCover).toHaveCount(0);
  await expect(card(page, 'Star Raiders II').locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  expect(JSON.parse(readFileSync(join(app.libraryDir, 'star-raiders', 'game.json'), 'utf8')).cover).toBe('box.png');
  await page.getByRole('button', { name: 'Edit Star Raiders II' }).click();
  const clearCover = page.getByRole('dialog', { name: 'Edit Star Raiders II' });
  await expect(clearCover.getByLabel('Cover image')).toHaveValue('box.png');
  await clearCover.getByRole('button', { name: 'No cover' }).click();
  await clearCover.getByRole('button', { name: 'Save changes' }).click();
  await expect(clearCover).toHaveCount(0);
  await expect(card(page, 'Star Raiders II').locator('img')).toHaveCount(0);
  expect(JSON.parse(readFileSync(join(app.libraryDir, 'star-raiders', 'game.json'), 'utf8')).cover).toBeUndefined();

  // Remove asks first; Cancel keeps the game.
  await page.getByRole('button', { name: 'Remove Star Raiders II' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Star Raiders II?' });
  await expect(confirm).toContainText('Its files stay on disk');
  await expect(confirm.getByRole('checkbox', { name: /delete the game's files/ })).not.toBeChecked();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(card(page, 'Star Raiders II')).toBeVisible();

  await page.getByRole('button', { name: 'Remove Star Raiders II' }).click();
  await page.getByRole('dialog', { name: 'Remove Star Raiders II?' }).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(card(page, 'Star Raiders II')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Removed Star Raiders II' })).toBeVisible();
  // The program is still on disk, in the folder set aside.
  const aside = readdirSync(app.libraryDir).filter((name) => name.startsWith('.removed-star-raiders'));
  expect(aside).toHaveLength(1);
  expect(existsSync(join(app.libraryDir, aside[0]!, 'raiders'))).toBe(true);
});

test('the Settings screen saves a value that survives a reload', async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app, '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await expect(page.getByLabel('Data folder')).toHaveValue(app.dataDir);
  await expect(page.getByLabel('Library folder')).toHaveValue(app.libraryDir);
  const max = page.getByLabel('Maximum concurrent sessions');
  await max.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible();
  await max.fill('2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Maximum concurrent sessions')).toHaveValue('2');
  await page.screenshot({ path: join(SCREENSHOTS, 'settings.png') });
});

test('an unreachable Docker engine shows a banner on every screen, saying what to do', async ({ browser }) => {
  await app.stop();
  app = await serveApp(({ dataDir }) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ dockerEndpoint: '/nonexistent/docker.sock' }));
  });
  const page = await browser.newPage();
  await openScreen(page, app);
  const banner = page.getByRole('alert').filter({ hasText: 'Docker is not reachable' });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText('systemctl start docker');
  await page.getByRole('link', { name: 'Settings', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByLabel('Docker endpoint')).toHaveValue('/nonexistent/docker.sock');
});

test("Play on a card launches the game's saved settings and opens its session", async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app);
  await page.getByRole('button', { name: 'Play Tux Racer' }).click();
  await expect(page).toHaveURL(/#\/sessions\/sess_[0-9a-f-]{36}$/, { timeout: 15_000 });
  const sessionId = /#\/sessions\/(sess_[0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(sessionId).toBeDefined();
  // The nav lights Sessions while it runs and History once it ended (the stand-in exits at once; ui-rough-edges.spec.ts checks the ended case).
  await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText(/^(Sessions|History)$/);
  // The session's record names the player and the game (the stand-in program exits at once).
  const record = await waitForSessionFile(app.dataDir, sessionId!);
  // The player is the account the app runs as, as app.info says (root where the tests run as root).
  const { userId } = (await callContract(page, 'app.info')) as { userId: string };
  expect(userId).toMatch(/^[^/]+$/);
  expect(record).toMatchObject({ gameId: 'tux-racer', userId, platform: 'linux' });
  // Back in the library, the card says it was just played (library.stats, from the session history).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(card(page, 'Tux Racer')).toContainText('Played just now', { timeout: 15_000 });
});
