// Play statistics stay honest, in Debian's chromium against the real core (serve mode) and the real
// Docker engine: a launch that fails (its program cannot be run) is neither "played" nor play time.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingForPlay } from './harness/app-driver';
import { callContract } from './harness/core-probes';
import { card, openScreen } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';
import { writeGame } from '../src/main/test-support/library-fixture';

let app: ServedApp;
test.beforeEach(async () => {
  const missing = await missingForPlay();
  test.skip(missing !== undefined, missing);
  app = await serveApp(({ libraryDir }) => {
    writeGame(libraryDir, 'broken', { id: 'broken-start', title: 'Broken Start', platforms: [{ platform: 'linux', executable: 'start' }] });
    // Its program, a binary, lost its x bit (copied from a FAT stick, say): the runner cannot start
    // it (a script would still run, under its #! interpreter).
    writeFileSync(join(libraryDir, 'broken', 'start'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    chmodSync(join(libraryDir, 'broken', 'start'), 0o644);
  });
});
test.afterEach(async () => {
  expect(await app?.stop()).toEqual([]);
});

test('a failed launch changes neither "last played" nor the play time', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await openScreen(page, app);
  const broken = card(page, 'Broken Start');
  await expect(broken).toContainText('Never played');
  await expect(broken).toContainText('No play time yet');

  await broken.getByRole('button', { name: 'Play Broken Start', exact: true }).click();
  await page.waitForURL(/#\/sessions\/sess_[0-9a-f-]+$/, { timeout: 30_000 });
  const sessionId = decodeURIComponent(new URL(page.url()).hash.replace('#/sessions/', ''));
  await expect(page.getByRole('status', { name: 'Session status' })).toHaveText(/^(failed|crashed)$/, { timeout: 120_000 });
  await expect(page.getByText(/could not be run \(exit code 126\)/)).toBeVisible();

  // The core counts no play for it (the session is over: nothing is still to come).
  expect(await callContract(page, 'sessions.get', { sessionId })).toMatchObject({ status: expect.stringMatching(/^(failed|crashed)$/) });
  expect(await callContract(page, 'library.stats')).not.toHaveProperty('broken-start');
  // A fresh library screen (stats asked anew) says so too.
  await openScreen(page, app);
  await page.reload();
  await expect(broken).toContainText('Never played');
  await expect(broken).toContainText('No play time yet');
});
