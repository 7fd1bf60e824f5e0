import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { plantTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_diff_pc';

it('lists the files added, removed and changed since a snapshot, with size and mtime on each side', async () => {
  const saves = openGameSaves({ dataDir: tempDir() });
  const home = await saves.ensureHome(GAME);
  plantTree(home, { 'keep.txt': 'k', 'touched.txt': 'same', 'gone.txt': 'g', 'save.dat': { content: '1', mtime: 1_700_000_000_000 } });
  const taken = await saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' });
  if (taken.status !== 'created') throw new Error('expected a snapshot');

  rmSync(join(home, 'gone.txt'));
  writeFileSync(join(home, 'save.dat'), '22');
  utimesSync(join(home, 'touched.txt'), 1000, 1000); // a touch is not a change
  writeFileSync(join(home, 'new.txt'), 'new');
  const diff = await saves.diff(GAME, taken.snapshot.id, [{ name: 'home', path: home }]);

  expect(diff.added).toEqual([{ path: 'home/new.txt', size: 3, mtimeMs: expect.any(Number) }]);
  expect(diff.removed).toEqual([{ path: 'home/gone.txt', size: 1, mtimeMs: expect.any(Number) }]);
  expect(diff.changed).toEqual([{ path: 'home/save.dat', snapshot: { size: 1, mtimeMs: 1_700_000_000_000 }, current: { size: 2, mtimeMs: expect.any(Number) } }]);
});
