// A start-up warning in Debian's chromium against the real core (serve mode): settings that could
// not be read are a notice above the library, which the user dismisses, and which stays dismissed
// after a reload; Settings keeps listing it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp((paths) => {
    prepareLibrary(paths);
    writeFileSync(join(paths.dataDir, 'settings.json'), '{ "maxConcurrentSessions": ');
  });
});
test.afterEach(async () => {
  await app.stop();
});

test('a start-up warning is a notice on the library screen, and stays dismissed after a reload', async ({ browser }) => {
  const page = await browser.newPage();
  await openScreen(page, app);
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  const notices = page.getByRole('region', { name: 'Warnings', exact: true });
  const notice = notices.getByRole('listitem').filter({ hasText: 'Your settings could not be read' });
  await expect(notice).toBeVisible();
  // It says what to do about it.
  await expect(notice).toContainText(/fix that file and rename it to settings\.json/);
  await page.screenshot({ path: 'test-results/e2e/startup-notice.png' });

  await notice.getByRole('button', { name: /^Dismiss warning/ }).click();
  // (Other warnings may show beside it: containers of other runs on this engine.)
  await expect(notice).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  // Settings lists the warning (so app.info has answered this page), and no notice shows it again, here or on the library.
  await openScreen(page, app, '#/settings');
  await expect(page.getByText(/Your settings could not be read/)).toBeVisible();
  await expect(notice).toHaveCount(0);
  await openScreen(page, app);
  await expect(page.getByRole('list', { name: 'Library' })).toBeVisible();
  await expect(notice).toHaveCount(0);
});
