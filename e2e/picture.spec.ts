// The game's picture in the real UI (serve mode in chromium, real core, engine and X server): while
// the Linux demo runs, its session page shows an <img> of it whose picture keeps changing (the demo
// animates), the Sessions screen's card shows one too, a Screenshot is saved, and after Stop
// History shows the last picture.
import { expect, test, type Locator } from '@playwright/test';
import { LINUX_DEMO, expectDemosInLibrary, expectStatus, expectWindow, goTo, openLaunchSettings, pressPlay, screenshot } from './harness/play-flow';
import { suiteTitle, useApp } from './harness/play-specs';

const PICTURE = `Picture of ${LINUX_DEMO.title}`;

async function expectChangingPicture(image: Locator): Promise<void> {
  await expect(image).toBeVisible({ timeout: 30_000 });
  const first = await image.getAttribute('src');
  expect(first).toMatch(/^data:image\/png;base64,/);
  await expect.poll(() => image.getAttribute('src'), { timeout: 15_000, message: 'the picture to refresh' }).not.toBe(first);
}

test.describe(suiteTitle(LINUX_DEMO, 'serve'), () => {
  const app = useApp('serve');
  test("shows the running game's picture, refreshed, takes a screenshot, and keeps the last picture for History", async () => {
    const { page } = await app.open();
    await expectDemosInLibrary(page);
    await openLaunchSettings(page, LINUX_DEMO);
    await pressPlay(page, LINUX_DEMO);
    await expectStatus(page, 'running');
    await expectWindow(LINUX_DEMO, true);

    await expectChangingPicture(page.getByRole('img', { name: PICTURE }));
    await page.getByRole('button', { name: `Screenshot of ${LINUX_DEMO.title}` }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved sess_[0-9a-f-]+\.screenshot-.+\.png/ })).toBeVisible();
    await screenshot(page, 'session-picture-serve');

    await goTo(page, 'Sessions');
    const card = page.getByRole('list', { name: 'Running sessions' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: LINUX_DEMO.title, exact: true }) });
    await expectChangingPicture(card.getByRole('img', { name: PICTURE }));
    await card.getByRole('link', { name: LINUX_DEMO.title, exact: true }).click();

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expectStatus(page, 'terminated', 60_000);
    await goTo(page, 'History');
    const row = page.getByRole('table', { name: 'Past sessions' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: LINUX_DEMO.title, exact: true }) }).first();
    await expect(row.getByRole('img', { name: PICTURE })).toBeVisible({ timeout: 15_000 });
  });
});
