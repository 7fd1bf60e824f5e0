// The Saves panel on a game's settings page, in Debian's chromium against the real core in serve
// mode: two snapshots of the game's home (taken by the saves engine on the app's data dir, as two
// session ends take them) are listed newest first with the session each came after; Compare shows
// the changed file; Restore brings the first save back and undoing it brings the unsnapshotted latest one; Export then
// Import of an archive; an error told in words; no serious axe violation on the panel. After a real
// session, History names the snapshot it left.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGameSaves } from '../src/main/saves/game-saves';
import { plantTree } from '../src/main/test-support/save-trees';
import { seriousViolations } from './harness/axe';
import { SCREENSHOTS, openScreen, prepareLibrary } from './harness/library-app';
import { serveApp, type ServedApp } from './harness/serve-app';
import { expect, test } from './harness/chromium';
import { LINUX_DEMO, expectDemosInLibrary, expectStatus, openLaunchSettings, pressPlay, setEnvironment } from './harness/play-flow';
import { useApp } from './harness/play-specs';

const GAME = 'tux-racer';
const SAVE = '.local/share/tux/save.dat';
let app: ServedApp;
test.describe('the Saves panel on snapshots the engine took', () => {
  test.beforeEach(async () => {
    app = await serveApp(prepareLibrary);
  });
  test.afterEach(async () => {
    expect(await app.stop()).toEqual([]);
  });

  test('Saves: the list with the session each came after, compare, restore and undo, export and import', async ({ browser }) => {
    test.setTimeout(120_000);
    const saves = openGameSaves({ dataDir: app.dataDir });
    const home = await saves.ensureHome(GAME);
    const endSession = async (counter: number, sessionId: string) => {
      plantTree(home, { [SAVE]: `counter=${counter}` });
      await saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'session-end', sessionId });
    };
    await endSession(1, 'sess_e2e_first');
    await endSession(2, 'sess_e2e_second');
    plantTree(home, { [SAVE]: 'counter=3' }); // played on since, not snapshotted yet: the restore keeps it first
    const saveNow = () => readFileSync(join(home, SAVE), 'utf8');

    const context = await browser.newContext();
    const page = await context.newPage();
    await openScreen(page, app);
    await page.getByRole('link', { name: 'Settings for Tux Racer' }).click();
    const panel = page.getByRole('region', { name: 'Saves' });
    const rows = panel.getByRole('row');
    await expect(rows.nth(1)).toContainText('After session sess_e2e_second');
    await expect(rows.nth(2)).toContainText('After session sess_e2e_first');
    await expect(rows.nth(2)).toContainText('1 file');
    expect(await seriousViolations(page), 'serious or critical axe violations on the Saves panel').toEqual([]);

    const first = rows.filter({ hasText: 'sess_e2e_first' });
    await first.getByRole('button', { name: /^Compare/ }).click();
    await expect(panel.getByRole('region', { name: 'Changes since that snapshot' })).toContainText(`home/${SAVE} changed since`);

    await first.getByRole('button', { name: /^Restore/ }).click();
    await expect(panel.getByRole('status')).toContainText('restore that one to undo');
    expect(saveNow()).toBe('counter=1');
    const undo = rows.filter({ hasText: 'Before a restore' });
    await expect(undo).toContainText('Undoes the last restore');
    await undo.getByRole('button', { name: /^Restore/ }).click();
    await expect(panel.getByRole('status')).toContainText('Restored');
    await expect.poll(saveNow).toBe('counter=3');

    const archive = join(app.dataDir, 'exports', 'tux-saves.tar');
    await panel.getByLabel('Export archive path').fill(archive);
    await first.getByRole('button', { name: /^Export/ }).click();
    await expect(panel.getByRole('status')).toContainText(`Exported to ${archive}`);
    await panel.getByLabel('Import archive path').fill(join(app.dataDir, 'exports', 'missing.tar'));
    await panel.getByRole('button', { name: 'Import' }).click();
    await expect(panel.getByRole('alert')).toContainText('does not exist: pick the .tar file an export wrote');
    await panel.getByLabel('Import archive path').fill(archive);
    await panel.getByRole('button', { name: 'Import' }).click();
    await expect(panel.getByRole('status')).toContainText('Imported');
    await expect(rows.filter({ hasText: 'Imported from an archive' })).toHaveCount(1);
    await panel.screenshot({ path: join(SCREENSHOTS, 'saves-panel.png') });
    await context.close();
  });
});

test.describe('the Saves panel after a real session', () => {
  const played = useApp('serve');
  test('the Linux demo played once (DEMO_EXIT_AFTER): its settings page lists the snapshot its session left, and restores it', async () => {
    const { page, dataDir } = await played.open();
    await expectDemosInLibrary(page);
    // A save the game wrote in an earlier session (the demo itself writes none).
    const home = await openGameSaves({ dataDir }).ensureHome(LINUX_DEMO.id);
    plantTree(home, { [SAVE]: 'level=1' });
    await openLaunchSettings(page, LINUX_DEMO);
    const panel = page.getByRole('region', { name: 'Saves' });
    await expect(panel).toContainText('No snapshot yet');
    await setEnvironment(page, { DEMO_EXIT_AFTER: '2' });
    const sessionId = await pressPlay(page, LINUX_DEMO);
    await expectStatus(page, 'terminated', 240_000);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await openLaunchSettings(page, LINUX_DEMO);
    const row = panel.getByRole('row').filter({ hasText: `After session ${sessionId}` });
    await expect(row).toContainText('1 file', { timeout: 30_000 });
    plantTree(home, { [SAVE]: 'level=2' });
    await row.getByRole('button', { name: /^Restore/ }).click();
    await expect(panel.getByRole('status')).toContainText('restore that one to undo');
    expect(readFileSync(join(home, SAVE), 'utf8')).toBe('level=1');

    // History says which snapshot that session left, as its record does.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    const past = page.getByRole('table', { name: 'Past sessions' }).getByRole('row').filter({ has: page.getByRole('link', { name: LINUX_DEMO.title, exact: true }) });
    await expect(past).toHaveCount(1);
    await expect(past).toContainText(/Saves: snapshot \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(1 file changed\)/);
  });
});
