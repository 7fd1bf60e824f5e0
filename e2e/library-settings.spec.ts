// The library, a game's launch settings and the app's Settings, in Debian's chromium against the real
// core in serve mode: what a player does, found by the names a screen reader hears.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

// Written by every run (the README's pictures are copies kept in docs/screenshots/).
const SCREENSHOTS = join(__dirname, '..', 'test-results', 'e2e');

function writeGame(libraryDir: string, folder: string, manifest: object, executables: string[]) {
  mkdirSync(join(libraryDir, folder), { recursive: true });
  writeFileSync(join(libraryDir, folder, 'game.json'), JSON.stringify(manifest));
  for (const exe of executables) writeFileSync(join(libraryDir, folder, exe), '#!/bin/sh\n', { mode: 0o755 });
}

/** A real PNG (a diagonal gradient in two colours), as a cover image in a game's folder would be. */
function coverPng(width = 64, height = 36, from = [40, 90, 200], to = [230, 120, 40]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = (x / width + y / height) / 2;
      const at = y * (width * 3 + 1) + 1 + x * 3;
      for (let c = 0; c < 3; c += 1) rows[at + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Asks the core over the page's own contract connection (serve mode's WebSocket, with its token). */
async function callContract(page: Page, method: string, payload?: unknown): Promise<unknown> {
  const envelope = await page.evaluate(
    async ({ method, payload }) => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const socket = new WebSocket(`ws://${window.location.host}/contract?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const answer = await new Promise<unknown>((resolve) => {
        socket.onmessage = (message) => {
          const frame = JSON.parse(String(message.data)) as { id?: number; envelope?: unknown };
          if (frame.id === 1) resolve(frame.envelope);
        };
        socket.send(JSON.stringify({ id: 1, method, payload }));
      });
      socket.close();
      return answer;
    },
    { method, payload },
  );
  const { result, error } = envelope as { result?: unknown; error?: { message: string } };
  if (error) throw new Error(`${method}: ${error.message}`);
  return result;
}

function prepareLibrary({ libraryDir }: { libraryDir: string }) {
  writeGame(libraryDir, 'tux', { id: 'tux-racer', title: 'Tux Racer', cover: 'cover.png', platforms: [{ platform: 'linux', executable: 'tux' }] }, ['tux']);
  writeFileSync(join(libraryDir, 'tux', 'cover.png'), coverPng());
  writeGame(libraryDir, 'both', {
    id: 'two-worlds', title: 'Two Worlds',
    platforms: [{ platform: 'linux', executable: 'two' }, { platform: 'windows', executable: 'Two.exe' }],
  }, ['two', 'Two.exe']);
}

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp(prepareLibrary);
});
// stop() also removes the containers of the run's sessions (Play below starts one).
test.afterEach(async () => {
  await app.stop();
});

async function open(page: Page, hash = '#/library') {
  await page.goto(app.url.replace(/#.*$/, '') + hash);
}

const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

test('the library: demo games, search, platform filter, and a screenshot at two sizes', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await open(page);

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
  await open(page);
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

test("a game's launch settings: live validation, save, reload, preview, reset", async ({ browser }) => {
  const page = await browser.newPage();
  await open(page);
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
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
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

  await page.getByRole('button', { name: 'Save' }).click();
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
  await open(page);
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
  await open(page, '#/games/tux-racer/settings');
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

test('the Settings screen saves a value that survives a reload', async ({ browser }) => {
  const page = await browser.newPage();
  await open(page, '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await expect(page.getByLabel('Data folder')).toHaveValue(app.dataDir);
  await expect(page.getByLabel('Library folder')).toHaveValue(app.libraryDir);
  const max = page.getByLabel('Maximum concurrent sessions');
  await max.fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible();
  await max.fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
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
  await open(page);
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
  await open(page);
  await page.getByRole('button', { name: 'Play Tux Racer' }).click();
  await expect(page).toHaveURL(/#\/sessions\/sess_[0-9a-f-]{36}$/, { timeout: 15_000 });
  const sessionId = /#\/sessions\/(sess_[0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(sessionId).toBeDefined();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' })).toHaveAttribute('aria-current', 'page');
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

function dockerMemoryLimit(container: string): number | undefined {
  try {
    return Number(execFileSync('docker', ['inspect', '--format', '{{.HostConfig.Memory}}', container], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined; // not created yet
  }
}

async function waitForSessionFile(dataDir: string, sessionId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i += 1) {
    const found = execFileSync('find', [join(dataDir, 'runner-sessions'), '-name', `${sessionId}.json`], { encoding: 'utf8' }).trim().split('\n')[0];
    if (found) return JSON.parse(readFileSync(found, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no record of ${sessionId} under ${dataDir}`);
}

