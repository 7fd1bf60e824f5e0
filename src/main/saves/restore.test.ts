import { chownSync, existsSync, lstatSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { runsAsRoot } from '../test-support/root-only';
import { plantTree, readTree, savesWithRoots } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_restore_pc';

async function setup() {
  const dataDir = tempDir();
  const { saves, home, wineUsers, roots } = await savesWithRoots(dataDir, GAME);
  return { dataDir, saves, home, wineUsers, roots };
}

async function created(result: Promise<{ status: string; snapshot?: { id: string } }>): Promise<string> {
  const outcome = await result;
  if (!outcome.snapshot) throw new Error(`expected a new snapshot, got ${outcome.status}`);
  return outcome.snapshot.id;
}

describe('restore', () => {
  it('brings back the exact tree (content, modes, mtimes, links, empty folders), and undo brings back the state before', async () => {
    const { saves, home, wineUsers, roots } = await setup();
    plantTree(home, {
      '.local/share/demo/save.dat': { content: 'counter=1', mode: 0o640, mtime: 1_700_000_000_000 },
      '.local/bin/run.sh': { content: '#!/bin/sh', mode: 0o755 },
      '.config/empty': { dir: true, mode: 0o750 },
      'locked/readonly.cfg': { content: 'ro', mode: 0o400 },
      'locked': { dir: true, mode: 0o555 },
      'Documents': { link: '.local/share/demo' },
      'dangling': { link: '/nowhere/at/all' },
    });
    plantTree(wineUsers, { 'steamuser/AppData/Roaming/demo.ini': 'level=4' });
    const session1 = await created(saves.snapshot(GAME, roots, { kind: 'session-end' }));
    const treeAt1 = [readTree(home), readTree(wineUsers)];

    plantTree(home, { '.local/share/demo/save.dat': 'counter=3', 'new.txt': 'new' });
    rmSync(join(home, 'Documents'));
    rmSync(join(wineUsers, 'steamuser'), { recursive: true });
    await created(saves.snapshot(GAME, roots, { kind: 'session-end' }));
    writeFileSync(join(home, 'unsaved.txt'), 'written after the last snapshot');
    const treeBefore = [readTree(home), readTree(wineUsers)];

    const restored = await saves.restore(GAME, session1, roots);
    expect([readTree(home), readTree(wineUsers)]).toEqual(treeAt1);
    expect(restored.undoSnapshotId).not.toBeNull();
    const undoPoint = (await saves.list(GAME))[0];
    expect(undoPoint).toMatchObject({ id: restored.undoSnapshotId, reason: { kind: 'before-restore' } });

    await saves.restore(GAME, restored.undoSnapshotId ?? '', roots);
    expect([readTree(home), readTree(wineUsers)]).toEqual(treeBefore);
    // No temp or old trees are left beside the roots, and no journal.
    expect(readdirSync(dirname(home)).filter((n) => n.startsWith('.home.'))).toEqual([]);
    expect(readdirSync(dirname(wineUsers))).toEqual(['users']);
    expect(readdirSync(dirname(home))).not.toContain('restore.json');
  });

  it('removes a root the snapshot recorded as absent, and leaves alone a root the snapshot does not know', async () => {
    const { saves, home, wineUsers } = await setup();
    plantTree(home, { 'save.dat': '1' });
    const onlyHome = await created(saves.snapshot(GAME, [{ name: 'home', path: home }, { name: 'wine-users', path: wineUsers }], { kind: 'manual' }));
    plantTree(wineUsers, { 'steamuser/save': 'w' });
    const other = join(dirname(home), 'other');
    plantTree(other, { 'keep.txt': 'k' });
    await saves.restore(GAME, onlyHome, [
      { name: 'home', path: home },
      { name: 'wine-users', path: wineUsers },
      { name: 'other', path: other },
    ]);
    expect(existsSync(wineUsers)).toBe(false);
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('k');
  });

  it('hands restored files to the owner of the root, so the game user can write its saves again', async () => {
    const { saves, home, roots } = await setup();
    plantTree(home, { 'dir/save.dat': 'x' });
    const id = await created(saves.snapshot(GAME, roots, { kind: 'manual' }));
    chownSync(home, 1234, 1234);
    await saves.restore(GAME, id, roots);
    expect([lstatSync(home).uid, lstatSync(join(home, 'dir')).uid, lstatSync(join(home, 'dir/save.dat')).gid]).toEqual([1234, 1234, 1234]);
  });

  it('says which snapshot is missing', async () => {
    const { saves, roots } = await setup();
    await expect(saves.restore(GAME, 'snap_20260101T000000000Z_abcdef', roots)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('restore refuses what it could not undo', () => {
  it('leaves a root that is a file alone, and refuses roots with bad names', async () => {
    const { saves, home, dataDir } = await setup();
    plantTree(home, { 'save.dat': '1' });
    const notAFolder = join(dataDir, 'users-file');
    writeFileSync(notAFolder, 'precious');
    const id = await created(saves.snapshot(GAME, [{ name: 'home', path: home }, { name: 'wine-users', path: notAFolder }], { kind: 'manual' }));
    await expect(saves.restore(GAME, id, [{ name: 'home', path: home }, { name: 'wine-users', path: notAFolder }])).rejects.toMatchObject({
      message: expect.stringContaining('is not a folder'),
    });
    expect(readFileSync(notAFolder, 'utf8')).toBe('precious');
    await expect(saves.snapshot(GAME, [{ name: 'Home Folder', path: home }], { kind: 'manual' })).rejects.toMatchObject({ message: expect.stringContaining('is not valid') });
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }, { name: 'home', path: home }], { kind: 'manual' })).rejects.toMatchObject({ code: 'io' });
  });
});

describe.skipIf(!runsAsRoot('restoring a root for the game user'))('a root that does not exist yet', () => {
  it("is made for the owner its caller names (the game's user), not for the app: an import restored on a fresh data dir", async () => {
    const { saves, home, roots } = await setup();
    plantTree(home, { '.local/share/demo/save.dat': 'counter=4' });
    const id = await created(saves.snapshot(GAME, roots, { kind: 'manual' }));
    rmSync(home, { recursive: true });
    const player = { uid: 1234, gid: 1235 };
    await saves.restore(GAME, id, roots.map((root) => ({ ...root, owner: player })));
    for (const path of [home, join(home, '.local/share/demo/save.dat')]) expect([lstatSync(path).uid, lstatSync(path).gid]).toEqual([1234, 1235]);
    expect(readFileSync(join(home, '.local/share/demo/save.dat'), 'utf8')).toBe('counter=4');
  });
});
