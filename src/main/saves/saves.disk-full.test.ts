// A data dir on a 2 MiB tmpfs: a snapshot that does not fit fails with `no_space` and a message
// that says what to do, takes back what it had stored, and leaves the previous snapshots intact.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { savesLayout } from './saves-layout';
import { runsAsRoot } from '../test-support/root-only';
import { countFiles, plantTree, readTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_full';
const canMount = runsAsRoot('The full-disk test (a small tmpfs mounted as the data dir)');
let dataDir = '';

beforeAll(() => {
  if (!canMount) return;
  dataDir = mkdtempSync(join(tmpdir(), 'dillinger-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dataDir]);
});
afterAll(() => {
  if (!dataDir) return;
  execFileSync('umount', [dataDir]);
  rmdirSync(dataDir);
});

describe.skipIf(!canMount)('a full disk', () => {
  it('fails the snapshot with no_space, and the previous snapshots stay intact and restorable', async () => {
    const saves = openGameSaves({ dataDir });
    const layout = savesLayout(dataDir, GAME);
    const root = join(tempDir(), 'home'); // the saves live elsewhere; the store is on the small disk
    plantTree(root, { 'save.dat': 'counter=1', 'small.bin': 's'.repeat(100_000) });
    const roots = [{ name: 'home', path: root }];
    const first = await saves.snapshot(GAME, roots, { kind: 'session-end' });
    if (first.status !== 'created') throw new Error('expected a snapshot');
    const treeA = readTree(root);
    const objectsA = countFiles(layout.objectsDir);

    // 1 MiB fits, 3 MiB more does not: the kernel really refuses a write part-way through.
    writeFileSync(join(root, 'fits.bin'), Buffer.alloc(1024 * 1024, 1));
    writeFileSync(join(root, 'huge.bin'), Buffer.alloc(3 * 1024 * 1024, 2));
    await expect(saves.snapshot(GAME, roots, { kind: 'session-end' })).rejects.toMatchObject({
      code: 'no_space',
      message: `The disk holding ${dataDir} is full: free some space; the previous snapshots are intact.`,
    });
    // Taken back: no new object (fits.bin had been stored), no temp file, no marker, one snapshot.
    expect(countFiles(layout.objectsDir)).toBe(objectsA);
    expect(existsSync(layout.pendingSnapshotFile)).toBe(false);
    expect((await saves.list(GAME)).map((s) => s.id)).toEqual([first.snapshot.id]);
    expect((await saves.recover()).warnings).toEqual([]);

    // A restore needs its undo snapshot first: with no room for it, nothing is changed.
    const treeB = readTree(root);
    await expect(saves.restore(GAME, first.snapshot.id, roots)).rejects.toMatchObject({ code: 'no_space' });
    expect(readTree(root)).toEqual(treeB);
    // Once there is room (the huge file gone), the previous snapshot restores exactly.
    execFileSync('rm', [join(root, 'huge.bin')]);
    await saves.restore(GAME, first.snapshot.id, roots);
    expect(readTree(root)).toEqual(treeA);
  });
});
