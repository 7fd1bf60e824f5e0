// A game's program arguments, typed in Add game, in Debian's chromium against the real core (serve
// mode), the real Docker engine and X server: game.json holds them, the container preview shows
// them (one with spaces quoted as one), and the game's program gets them, each as typed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingForPlay } from './harness/app-driver';
import { card, openScreen } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

// A "game" that prints each argument it got on a line of its own, then quits.
const SHOW_ARGS = '#!/bin/sh\nfor a in "$@"; do printf \'arg=[%s]\\n\' "$a"; done\necho "args: $#"\n';

let app: ServedApp;
test.beforeEach(async () => {
  const missing = await missingForPlay();
  test.skip(missing !== undefined, missing);
  app = await serveApp(({ libraryDir }) => {
    mkdirSync(join(libraryDir, 'argv-game'), { recursive: true });
    writeFileSync(join(libraryDir, 'argv-game', 'show-args'), SHOW_ARGS, { mode: 0o755 });
  });
});
test.afterEach(async () => {
  // stop() also removes the containers of the run's sessions; none may be left.
  expect(await app?.stop()).toEqual([]);
});

test('arguments typed in Add game reach game.json, the container preview and the game', async ({ browser }) => {
  test.setTimeout(240_000);
  const page = await browser.newPage();
  await openScreen(page, app);
  await page.getByRole('button', { name: 'Add game' }).click();
  const add = page.getByRole('dialog', { name: 'Add a game' });
  await add.getByLabel('Game folder').fill('argv-game');
  await add.getByLabel('Title').fill('Argv Game');
  await add.getByRole('checkbox', { name: 'Linux' }).check();
  await add.getByLabel('Linux executable').fill('show-args');
  const args = add.getByLabel('Linux arguments');
  // The hint says how to type them.
  await expect(args).toHaveAccessibleDescription(/One argument per line/);
  // Too long an argument is refused at the field as it is typed.
  await args.fill(`-windowed\n${'x'.repeat(1025)}`);
  await expect(args).toHaveAttribute('aria-invalid', 'true');
  await expect(args).toHaveAccessibleDescription(/Argument 2 must be at most 1024 characters/);
  await args.fill('-windowed\n+connect 192.168.1.5\n\n/S\n');
  await expect(args).not.toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/e2e/add-game-arguments.png' });
  await add.getByRole('button', { name: 'Add game' }).click();
  await expect(add).toHaveCount(0);
  await expect(card(page, 'Argv Game')).toBeVisible();
  const manifest = JSON.parse(readFileSync(join(app.libraryDir, 'argv-game', 'game.json'), 'utf8'));
  expect(manifest.platforms).toEqual([{ platform: 'linux', executable: 'show-args', arguments: ['-windowed', '+connect 192.168.1.5', '/S'] }]);

  // Edit shows them one per line again.
  await page.getByRole('button', { name: 'Edit Argv Game' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Argv Game' });
  await expect(edit.getByLabel('Linux arguments')).toHaveValue('-windowed\n+connect 192.168.1.5\n/S');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // The container preview: the command with the arguments, the one with a space quoted as one.
  await page.getByRole('link', { name: 'Settings for Argv Game' }).click();
  await page.getByRole('button', { name: 'Preview container' }).click();
  const preview = page.getByRole('region', { name: 'Container preview' });
  await expect(preview).toContainText("linux /library/argv-game/show-args -windowed '+connect 192.168.1.5' /S");

  // Play: the program gets each argument as typed.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForURL(/#\/sessions\/sess_[0-9a-f-]+$/, { timeout: 30_000 });
  const log = page.getByRole('region', { name: 'Log' });
  await expect(log).toContainText('args: 3', { timeout: 120_000 });
  await expect(log).toContainText('arg=[-windowed]');
  await expect(log).toContainText('arg=[+connect 192.168.1.5]');
  await expect(log).toContainText('arg=[/S]');
  await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('terminated', { timeout: 60_000 });
});
