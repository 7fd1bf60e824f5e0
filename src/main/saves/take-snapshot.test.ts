import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves, type SaveRoot } from './game-saves';
import { readManifest } from './manifest';
import { savesLayout } from './saves-layout';
import { countFiles, plantTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_demo_pc';

function setup() {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const layout = savesLayout(dataDir, GAME);
  return { dataDir, saves, layout };
}

describe('snapshot', () => {
  it('stores a new tree, reports unchanged when nothing changed, and a new snapshot when a file did', async () => {
    const { saves, layout } = setup();
    const home = await saves.ensureHome(GAME);
    plantTree(home, { '.local/share/demo/save.dat': 'counter=1', '.config/demo.ini': 'volume=3' });
    const roots: SaveRoot[] = [{ name: 'home', path: home }];

    const first = await saves.snapshot(GAME, roots, { kind: 'session-end', sessionId: 'sess_1' });
    expect(first.status).toBe('created');
    if (first.status !== 'created') return;
    expect(first.snapshot.totals).toMatchObject({ files: 2, bytes: 17, filesChanged: 2, bytesAdded: 17 });
    expect(first.snapshot.reason).toEqual({ kind: 'session-end', sessionId: 'sess_1' });

    const again = await saves.snapshot(GAME, roots, { kind: 'session-end' });
    expect(again).toMatchObject({ status: 'unchanged', snapshotId: first.snapshot.id, bytesRead: 0 });
    expect(await saves.list(GAME)).toHaveLength(1);

    writeFileSync(join(home, '.local/share/demo/save.dat'), 'counter=2');
    const second = await saves.snapshot(GAME, roots, { kind: 'session-end' });
    expect(second).toMatchObject({ status: 'created', bytesRead: 9, snapshot: { totals: { files: 2, filesChanged: 1, bytesAdded: 9 } } });
    expect((await saves.list(GAME)).map((s) => s.id)[1]).toBe(first.snapshot.id); // newest first
    expect(countFiles(layout.objectsDir)).toBe(3);
  });

  it('reads only the files that changed, and stores equal content once (across snapshots and hard links)', async () => {
    const { saves, layout } = setup();
    const home = await saves.ensureHome(GAME);
    const big = 'x'.repeat(100_000);
    plantTree(home, { 'a.bin': big, 'copy-of-a.bin': big, 'other.txt': 'other' });
    linkSync(join(home, 'a.bin'), join(home, 'hard-link.bin'));
    const roots = [{ name: 'home', path: home }];

    const first = await saves.snapshot(GAME, roots, { kind: 'manual' });
    // a.bin and its hard link are read once; the copy is read (another inode) but stored once.
    expect(first.bytesRead).toBe(200_005);
    expect(countFiles(layout.objectsDir)).toBe(2);

    writeFileSync(join(home, 'other.txt'), 'changed');
    const second = await saves.snapshot(GAME, roots, { kind: 'manual' });
    expect(second.bytesRead).toBe(7); // the 300 kB of unchanged files were not read again
    expect(countFiles(layout.objectsDir)).toBe(3);
    if (second.status !== 'created') throw new Error('expected a snapshot');
    const manifest = await readManifest(layout, second.snapshot.id);
    const hashes = new Set(manifest.roots[0]?.entries.flatMap((e) => (e.type === 'file' && e.size === 100_000 ? [e.sha256] : [])));
    expect(hashes.size).toBe(1);
  });

  it('re-reads a file whose content changed even when its size and mtime were put back', async () => {
    const { saves } = setup();
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'save.dat': { content: 'AAAA', mtime: 1_700_000_000_000 } });
    const roots = [{ name: 'home', path: home }];
    await saves.snapshot(GAME, roots, { kind: 'manual' });
    plantTree(home, { 'save.dat': { content: 'BBBB', mtime: 1_700_000_000_000 } }); // ctime moves on
    const result = await saves.snapshot(GAME, roots, { kind: 'manual' });
    expect(result).toMatchObject({ status: 'created', bytesRead: 4 });
  });

  it('costs nothing for a game with nothing to save: no snapshot, no objects folder', async () => {
    const { saves, layout, dataDir } = setup();
    const home = await saves.ensureHome(GAME);
    const result = await saves.snapshot(GAME, [{ name: 'home', path: home }, { name: 'wine-users', path: join(dataDir, 'no-prefix') }], { kind: 'session-end' });
    expect(result).toEqual({ status: 'unchanged', snapshotId: null, skipped: 0, bytesRead: 0 });
    expect(existsSync(layout.objectsDir)).toBe(false);
    expect(existsSync(layout.snapshotsDir)).toBe(false);
    expect(readdirSync(layout.gameDir)).toEqual(['home']);
  });

  it('records links as links without following them, records an absent root, and skips fifos', async () => {
    const { saves, layout, dataDir } = setup();
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'Documents': { link: '/etc' }, 'save.dat': 'x' });
    execFileSync('mkfifo', [join(home, 'pipe')]);
    const result = await saves.snapshot(GAME, [{ name: 'home', path: home }, { name: 'wine-users', path: join(dataDir, 'absent') }], { kind: 'manual' });
    expect(result).toMatchObject({ status: 'created', skipped: 1, bytesRead: 1 });
    if (result.status !== 'created') return;
    const manifest = await readManifest(layout, result.snapshot.id);
    expect(manifest.roots.map((r) => [r.name, r.present])).toEqual([['home', true], ['wine-users', false]]);
    expect(manifest.roots[0]?.entries.map((e) => [e.path, e.type])).toEqual([['Documents', 'symlink'], ['save.dat', 'file']]);
  });

  it('refuses a tree beyond its bounds with a clear message', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir, walkLimits: { maxFiles: 3, maxDepth: 2 } });
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'a/b/c/deep.txt': 'x' });
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).rejects.toMatchObject({
      code: 'too_big',
      message: expect.stringContaining('nested deeper than 2 levels'),
    });
    const wide = join(dataDir, 'wide');
    plantTree(wide, { '1': '1', '2': '2', '3': '3', '4': '4' });
    await expect(saves.snapshot(GAME, [{ name: 'home', path: wide }], { kind: 'manual' })).rejects.toMatchObject({
      code: 'too_big',
      message: expect.stringContaining('more than 3 entries'),
    });
  });

  it('takes a snapshot when only an mtime changed, without reading the file twice', async () => {
    const { saves } = setup();
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'save.dat': 'same' });
    const roots = [{ name: 'home', path: home }];
    await saves.snapshot(GAME, roots, { kind: 'manual' });
    utimesSync(join(home, 'save.dat'), 1000, 1000);
    const touched = await saves.snapshot(GAME, roots, { kind: 'manual' });
    expect(touched).toMatchObject({ status: 'created', bytesRead: 4, snapshot: { totals: { filesChanged: 0, bytesAdded: 0 } } });
  });
});
