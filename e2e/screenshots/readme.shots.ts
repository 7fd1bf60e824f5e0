// The README's pictures (docs/screenshots/), taken from the real UI against the real core in serve
// mode: the library at two sizes, a game's launch settings (filled in, with an error, its container
// preview) and Settings. Start-up notices about this machine's engine are dismissed first: the
// pictures show the screens, not the build machine's leftovers. Run by `npm run screenshots`
// (playwright.screenshots.config.ts), never by the e2e suite.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { card, openScreen, prepareLibrary } from '../harness/library-app';
import { serveApp, type ServedApp } from '../harness/serve-app';
import { expect, test } from '../harness/chromium';

const OUT = join(__dirname, '..', '..', 'test-results', 'screenshots');

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp(prepareLibrary);
});
test.afterEach(async () => {
  await app.stop();
});

async function dismissNotices(page: Page): Promise<void> {
  const all = page.getByRole('button', { name: /^Dismiss all/ });
  if ((await all.count()) > 0) await all.click();
  for (let left = await page.getByRole('button', { name: 'Dismiss', exact: true }).count(); left > 0; left -= 1) {
    await page.getByRole('button', { name: 'Dismiss', exact: true }).first().click();
  }
}

test('the library at 1280×800 and 1024×700', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(page, app);
  await expect(card(page, 'Dillinger Demo (Linux)')).toBeVisible({ timeout: 90_000 });
  await expect(card(page, 'Dillinger Demo (Windows)')).toBeVisible({ timeout: 30_000 });
  await expect(card(page, 'Tux Racer').locator('img')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await dismissNotices(page);
  await page.screenshot({ path: join(OUT, 'library.png') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.screenshot({ path: join(OUT, 'library-1024x700.png') });
});

test("a game's launch settings, one with an error, and its container preview", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(page, app, '#/games/tux-racer/settings');
  await expect(page.getByRole('heading', { name: 'Launch settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await dismissNotices(page);
  const memory = page.getByLabel('Memory limit');
  await memory.fill('12zz');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(OUT, 'game-settings-error.png') });
  await memory.fill('2G');
  await page.getByLabel('CPU limit (cores)').fill('1.5');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Name of variable 1').fill('GAME_MODE');
  await page.getByLabel('Value of variable 1').fill('fast');
  await page.getByRole('button', { name: 'Add mount' }).click();
  await page.getByLabel('Type of mount 1').selectOption('tmpfs');
  await page.getByLabel('Container path of mount 1').fill('/scratch');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Preview container' }).click();
  const preview = page.getByRole('region', { name: 'Container preview' });
  await expect(preview).toContainText('1.5 cores');
  await preview.screenshot({ path: join(OUT, 'container-preview.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'game-settings.png') });
});

test('Settings', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openScreen(page, app, '#/settings');
  await expect(page.getByLabel('Data folder')).toHaveValue(app.dataDir);
  await expect(page.getByRole('region', { name: 'Host' })).toContainText(/CPU\s*\d/, { timeout: 10_000 });
  await dismissNotices(page);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.screenshot({ path: join(OUT, 'settings.png') });
});
