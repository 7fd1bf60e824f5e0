// A Windows game's Wine settings in the launch form, in Debian's chromium against the real core in
// serve mode: shown for the Windows version only, validated by the shared rules as typed (a verb that
// downloads says it needs the internet), accessible (axe), and each setting shown in the preview.
import { seriousViolations } from './harness/axe';
import { openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp(prepareLibrary);
});
test.afterEach(async () => {
  await app.stop();
});

test('Wine settings: Windows only, validated as typed, accessible, and in the container preview', async ({ browser }) => {
  // axe-core/playwright needs a page of a context made with newContext().
  const page = await (await browser.newContext()).newPage();
  await openScreen(page, app);
  await page.getByRole('link', { name: 'Settings for Two Worlds' }).click();
  await expect(page.getByRole('heading', { name: 'Launch settings' })).toBeVisible();
  const platform = page.getByLabel('Platform', { exact: true });
  await platform.selectOption('linux');
  await expect(page.getByRole('group', { name: 'Wine settings' })).toHaveCount(0);
  await platform.selectOption('windows');
  const wine = page.getByRole('group', { name: 'Wine settings' });
  await expect(wine).toBeVisible();

  await wine.getByLabel('Direct3D').selectOption('dxvk');
  await wine.getByLabel('Windows version').selectOption('win7');
  await wine.getByLabel('FPS overlay').check();
  await wine.getByLabel('DLL overrides').fill('xinput1_3=native');
  const verbs = wine.getByLabel('winetricks verbs');
  await verbs.fill('csmt=off corefonts');
  await expect(verbs).toHaveAttribute('aria-invalid', 'true');
  await expect(wine.getByRole('alert').filter({ hasText: 'corefonts downloads what it installs, so it needs the internet' })).toBeVisible();
  await expect(wine).toContainText('corefonts download what they install: they need the internet');
  expect(await seriousViolations(page), 'serious or critical axe violations on the Wine settings').toEqual([]);

  await verbs.fill('csmt=off');
  await expect(verbs).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Preview container' }).click();
  const table = page.getByRole('region', { name: 'Container preview' }).getByRole('table', { name: 'Wine settings' });
  await expect(table).toContainText('DXVK (Vulkan)');
  await expect(table).toContainText("DXVK's (DXVK_HUD=fps)");
  await expect(table).toContainText('win7');
  await expect(table).toContainText('xinput1_3=n');
  await expect(table).toContainText('csmt=off, once, recorded in the prefix');
  expect(await seriousViolations(page), 'serious or critical axe violations on the preview with Wine settings').toEqual([]);
});
