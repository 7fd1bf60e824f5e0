// The real UI in Debian's chromium, against the real core in serve mode and the real Docker engine.
import { writeGame } from '../src/main/test-support/library-fixture';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp(({ libraryDir }) => {
    writeGame(libraryDir, 'tux', { id: 'tux-racer', title: 'Tux Racer', platforms: [{ platform: 'linux', executable: 'tux' }] });
    writeGame(libraryDir, 'both', {
      id: 'both', title: 'Two Worlds',
      platforms: [{ platform: 'linux', executable: 'two' }, { platform: 'windows', executable: 'Two.exe' }],
    });
    writeGame(libraryDir, 'broken', '{ "id": ');
  });
});
test.afterEach(async () => app.stop());

test('shows the library, its problems and the engine status', async ({ browser }) => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(app.url);

  await expect(page.getByRole('heading', { name: 'Dillinger Runner' })).toBeVisible();
  const library = page.getByRole('list', { name: 'Library' });
  // The user's two games, and the two demo games a fresh install copies in from the runner image.
  await expect(library.getByRole('listitem')).toHaveCount(4);
  await expect(library.getByRole('listitem').filter({ hasText: 'Tux Racer' })).toContainText('Linux');
  const twoWorlds = library.getByRole('listitem').filter({ hasText: 'Two Worlds' });
  await expect(twoWorlds).toContainText('Linux');
  await expect(twoWorlds).toContainText('Windows');
  await expect(library.getByRole('listitem').filter({ hasText: 'Dillinger Demo (Linux)' })).toBeVisible();
  await expect(library.getByRole('listitem').filter({ hasText: 'Dillinger Demo (Windows)' })).toContainText('Windows');

  const problems = page.getByRole('region', { name: 'Library problems' });
  await expect(problems).toContainText('broken');
  await expect(problems).toContainText('not valid JSON');

  // The real engine that CI provisions answers; its version shows.
  await expect(page.getByRole('status').filter({ hasText: 'Docker engine' })).toContainText(/Docker engine \d+\.\d+/);
  await page.screenshot({ path: 'test-results/e2e/library.png' });
  expect(errors).toEqual([]);
});

test('shows a game copied into the library while the page is open', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(app.url);
  await expect(page.getByRole('list', { name: 'Library' })).toContainText('Tux Racer');
  writeGame(app.libraryDir, 'new', { id: 'new', title: 'Newcomer', platforms: [{ platform: 'linux', executable: 'n' }] });
  await expect(page.getByRole('list', { name: 'Library' })).toContainText('Newcomer');
});

test('without the token the page cannot reach the core and says what to open', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(app.url.replace(/\?token=.*/, ''));
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Library' })).toHaveCount(0);
});
