// Issue 12's user-facing rest, in Debian's chromium against the real core in serve mode: History
// says which snapshot each session left (made, unchanged since one, failed and why; nothing for a
// session without one), linked to the game's Saves panel; Settings edits the saves retention
// (refused out of bounds in words, saved to settings.json, shown again after a reload); in a
// browser the Saves panel shows the saves folder's path with a Copy button instead of "Open saves folder".
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnerSession } from '../src/shared/model/entities';
import { whenLine } from '../src/renderer/src/saves/saves-view';
import { seriousViolations } from './harness/axe';
import { openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';

const GAME = 'tux-racer';
const SNAPSHOT_AT = '2026-11-30T10:00:05.000Z';
const FULL = 'The disk holding /data is full: free some space; the previous snapshots are intact.';

/** Finished sessions as the store files them (history/{day}/), each with what its snapshot did. */
function pastSessions({ dataDir }: { dataDir: string }): void {
  const day = join(dataDir, 'runner-sessions', 'history', '2026-11-30');
  mkdirSync(day, { recursive: true });
  const sessions: Array<[string, RunnerSession['savesSnapshot']]> = [
    ['sess_00000000-0000-4000-8000-00000000000a', { status: 'created', snapshotId: 'snap_20261130T100005000Z_abcdef', snapshotAt: SNAPSHOT_AT, filesChanged: 2, bytesAdded: 10 }],
    ['sess_00000000-0000-4000-8000-00000000000b', { status: 'unchanged', snapshotId: 'snap_20261130T100005000Z_abcdef', snapshotAt: SNAPSHOT_AT }],
    ['sess_00000000-0000-4000-8000-00000000000c', { status: 'failed', error: FULL }],
    ['sess_00000000-0000-4000-8000-00000000000d', undefined],
  ];
  sessions.forEach(([sessionId, savesSnapshot], i) => {
    const record: RunnerSession = {
      sessionId, containerId: `dillinger_e2e_${i}`, gameId: GAME, userId: 'player', status: 'terminated', exitCode: 0,
      startTime: `2026-11-30T0${i + 1}:00:00.000Z`, endTime: `2026-11-30T0${i + 1}:30:00.000Z`, lastActivity: `2026-11-30T0${i + 1}:30:00.000Z`,
      displayInfo: { method: 'x11', displayId: ':0' },
      ...(savesSnapshot ? { savesSnapshot } : {}),
    };
    writeFileSync(join(day, `${sessionId}.json`), JSON.stringify(record), { mode: 0o600 });
  });
}

let app: ServedApp;
test.beforeEach(async () => {
  app = await serveApp((paths) => {
    prepareLibrary(paths);
    pastSessions(paths);
  });
});
test.afterEach(async () => {
  expect(await app.stop()).toEqual([]);
});

test("History: each session's saves snapshot, linked to the game's Saves panel", async ({ page }) => {
  await openScreen(page, app, '#/history');
  const table = page.getByRole('table', { name: 'Past sessions' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table).toContainText(`Saves: snapshot ${whenLine(SNAPSHOT_AT)} (2 files changed)`);
  await expect(table).toContainText(`Saves: unchanged since the snapshot of ${whenLine(SNAPSHOT_AT)}`);
  await expect(table).toContainText(`Saves: snapshot failed: ${FULL}`);
  await expect(table.getByText(/^Saves:/)).toHaveCount(3); // the session without a snapshot says nothing
  expect(await seriousViolations(page), 'serious or critical axe violations on History').toEqual([]);
  await table.getByRole('link', { name: /^Saves: snapshot failed/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/games/${GAME}/settings$`));
  await expect(page.getByRole('region', { name: 'Saves' })).toBeVisible();
});

test('Settings: the saves retention numbers, checked, saved and shown again', async ({ page }) => {
  await openScreen(page, app, '#/settings');
  const kept = page.getByLabel('Snapshots kept');
  const days = page.getByLabel('Days with a daily snapshot kept');
  await expect(kept).toHaveValue('20');
  await expect(days).toHaveValue('30');
  await kept.fill('0');
  await days.fill('2.5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Give a whole number of snapshots from 1 to 1000')).toBeVisible();
  await expect(page.getByText('Give a whole number of days from 0 to 3650')).toBeVisible();
  expect(readSettings()).toEqual({});
  await kept.fill('5');
  await days.fill('7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(readSettings()).toMatchObject({ savesKeepLast: 5, savesKeepDays: 7 });
  await page.reload();
  await expect(kept).toHaveValue('5');
  await expect(days).toHaveValue('7');
  // No restart is asked for: the next session's end prunes with them.
  await expect(page.getByText('Restart the app to apply')).toHaveCount(0);
});

test("Saves panel in a browser: the saves folder's path and a Copy button, no Open saves folder", async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openScreen(page, app, `#/games/${GAME}/settings`);
  const panel = page.getByRole('region', { name: 'Saves' });
  const home = join(app.dataDir, 'saves', GAME, 'home');
  await expect(panel).toContainText(`Saves folder: ${home}`);
  await expect(panel.getByRole('button', { name: 'Open saves folder' })).toHaveCount(0);
  await panel.getByRole('button', { name: "Copy the saves folder's path" }).click();
  await expect(panel.getByRole('status')).toContainText(`Copied ${home}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(home);
  await context.close();
});

function readSettings(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
