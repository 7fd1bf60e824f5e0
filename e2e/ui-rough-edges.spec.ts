// What a new user tripped over (issue 13), in Debian's chromium against the real core in serve mode:
// the cards at every width from 1024 up, covers that differ per title, placeholders that say what an
// empty field means, read-only new mounts, "1 core", Save only when there is something to save, the
// library's problems with an action each, and an ended session that says so (log, nav, play time).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeGame } from '../src/main/test-support/library-fixture';
import { card, openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

const LONG_TITLE = 'The Extraordinary Midnight Adventures of Captain Dillinger';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp((paths) => {
    prepareLibrary(paths);
    writeGame(paths.libraryDir, 'long', { id: 'long-title', title: LONG_TITLE, platforms: [{ platform: 'linux', executable: 'long' }] });
  });
});
// stop() also removes the containers of the run's sessions (one test plays Tux Racer).
test.afterEach(async () => {
  expect(await app.stop()).toEqual([]);
});

/** Every button and link of the card lies inside the card's box. */
async function actionsOutsideCard(page: Page, title: string): Promise<string[]> {
  return card(page, title).evaluate((article) => {
    const box = article.getBoundingClientRect();
    return [...article.querySelectorAll('.game-card-actions > *')].flatMap((element) => {
      const r = element.getBoundingClientRect();
      const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      return inside ? [] : [`${element.getAttribute('aria-label')}: ${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(box.left)}-${Math.round(box.right)}`];
    });
  });
}

test('the cards hold at 1024, 1280, 1400 and 1920 px; covers differ per title; a long title wraps and shows whole on hover', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await browser.newPage();
  await openScreen(page, app);
  await expect(card(page, 'Dillinger Demo (Linux)')).toBeVisible({ timeout: 90_000 });
  await expect(card(page, 'Dillinger Demo (Windows)')).toBeVisible({ timeout: 30_000 });

  for (const width of [1024, 1280, 1400, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    for (const title of ['Tux Racer', 'Two Worlds', 'Dillinger Demo (Linux)', 'Dillinger Demo (Windows)', LONG_TITLE]) {
      expect(await actionsOutsideCard(page, title), `${title} at ${width} px`).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${width} px`).toBeLessThanOrEqual(width);
  }

  // Two titles, two covers: other initials, another background.
  const cover = (title: string) => card(page, title).locator('.game-cover');
  await expect(cover('Dillinger Demo (Linux)')).toHaveText('DL');
  await expect(cover('Dillinger Demo (Windows)')).toHaveText('DW');
  const background = (title: string) => cover(title).evaluate((element) => getComputedStyle(element).backgroundImage);
  expect(await background('Dillinger Demo (Linux)')).not.toBe(await background('Dillinger Demo (Windows)'));

  // The whole title: its tooltip, and on the card on two lines rather than cut at one.
  await page.setViewportSize({ width: 1400, height: 900 });
  const heading = card(page, LONG_TITLE).getByRole('heading', { name: LONG_TITLE });
  await expect(heading).toHaveAttribute('title', LONG_TITLE);
  const lines = await heading.evaluate((element) => Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight)));
  expect(lines).toBe(2);
  await expect(card(page, 'Dillinger Demo (Windows)').getByRole('heading')).toHaveAttribute('title', 'Dillinger Demo (Windows)');
  expect(await card(page, 'Dillinger Demo (Windows)').getByRole('heading').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});

test('launch settings: placeholders say what empty means, a new mount is read-only, the preview says "1 core"', async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app, '#/games/tux-racer/settings');
  await expect(page.getByRole('heading', { name: 'Launch settings' })).toBeVisible();
  await expect(page.getByLabel('CPU limit (cores)')).toHaveAttribute('placeholder', 'No limit');
  await expect(page.getByLabel('Memory limit')).toHaveAttribute('placeholder', 'No limit');
  await expect(page.getByLabel('Disk limit')).toHaveAttribute('placeholder', 'Default (2G)');
  await expect(page.getByLabel('Resolution')).toHaveAttribute('placeholder', "The display's own");
  await expect(page.getByLabel('Refresh rate')).toHaveAttribute('placeholder', "The display's own");
  // Nothing to save yet: Save is disabled, as on the Settings screen.
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'Add mount' }).click();
  await expect(page.getByLabel('Access of mount 1')).toHaveValue('ro');
  await expect(page.getByLabel('Access of mount 1').locator('option:checked')).toHaveText('Read-only');
  await page.getByRole('button', { name: 'Remove mount 1' }).click();

  await page.getByLabel('CPU limit (cores)').fill('1');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Preview container' }).click();
  const preview = page.getByRole('region', { name: 'Container preview' });
  await expect(preview).toContainText('1 core');
  await expect(preview).not.toContainText('1 cores');
});

test("Settings: Save is disabled while everything is saved, enabled by a change", async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app, '#/settings');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(page.getByRole('status').filter({ hasText: 'All saved.' })).toBeVisible();
  await expect(save).toBeDisabled();
  // And looks it: not the accent colour of a button to press.
  const look = () => save.evaluate((button) => getComputedStyle(button).backgroundColor);
  const disabledLook = await look();
  await page.getByLabel('Maximum concurrent sessions').fill('3');
  await expect(save).toBeEnabled();
  // Polled: the button's background eases over 120 ms (styles.css), so a first read may still be the old colour.
  await expect.poll(look).not.toBe(disabledLook);
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(save).toBeDisabled();
});

test('Library problems: a folder without game.json is added from there; a broken game.json offers its path', async ({ browser }) => {
  mkdirSync(join(app.libraryDir, 'star-raiders'));
  writeFileSync(join(app.libraryDir, 'star-raiders', 'raiders'), '#!/bin/sh\n', { mode: 0o755 });
  writeGame(app.libraryDir, 'broken', '{ "id": ');
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openScreen(page, app);
  const problems = page.getByRole('region', { name: 'Library problems' });
  await expect(problems).toContainText('star-raiders');

  await problems.getByRole('button', { name: "Copy the path of broken's game.json" }).click();
  const path = join(app.libraryDir, 'broken', 'game.json');
  await expect(problems.getByRole('status')).toContainText(path);

  await problems.getByRole('button', { name: 'Add the folder star-raiders as a game' }).click();
  const add = page.getByRole('dialog', { name: 'Add a game' });
  await expect(add.getByLabel('Game folder')).toHaveValue('star-raiders');
  await add.getByLabel('Title').fill('Star Raiders');
  await add.getByRole('checkbox', { name: 'Linux' }).check();
  await add.getByLabel('Linux executable').fill('raiders');
  await add.getByRole('button', { name: 'Add game' }).click();
  await expect(add).toHaveCount(0);
  await expect(card(page, 'Star Raiders')).toBeVisible();
  await expect(problems).not.toContainText('star-raiders');
  expect(JSON.parse(readFileSync(join(app.libraryDir, 'star-raiders', 'game.json'), 'utf8'))).toMatchObject({ title: 'Star Raiders' });
  await context.close();
});

test(`an ended session: "The game printed nothing.", History lit in the nav, and the card's play time is a sentence`, async ({ browser }) => {
  // The first launch after a change to resources/runner rebuilds the runner image: allow for it.
  test.setTimeout(300_000);
  // The stand-in program runs a moment, printing nothing.
  writeFileSync(join(app.libraryDir, 'tux', 'tux'), '#!/bin/sh\nsleep 2\n', { mode: 0o755 });
  const page = await browser.newPage();
  await openScreen(page, app);
  await page.getByRole('button', { name: 'Play Tux Racer' }).click();
  await expect(page).toHaveURL(/#\/sessions\/sess_[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Session status' })).toHaveText('terminated', { timeout: 240_000 });

  await expect(page.getByRole('region', { name: 'Log' }).getByLabel('Game output')).toHaveText('The game printed nothing.');
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link')).toHaveText('History');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Sessions' })).not.toHaveAttribute('aria-current', 'page');

  await nav.getByRole('link', { name: 'Library' }).click();
  // Play time counts from the launch request, so a runner image built first adds its minutes: the
  // line is a sentence either way ("Under a minute played", "3 min played").
  const playTime = card(page, 'Tux Racer').locator('dd').nth(1);
  await expect(playTime).toHaveText(/^(Under a minute|\d+ min|\d+ h \d{2} min) played$/, { timeout: 15_000 });
});
