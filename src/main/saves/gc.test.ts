import { lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { savesLayout } from './saves-layout';
import { countFiles, plantTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_gc';

it('gc removes unreferenced objects and stale temp files, keeps every referenced one and anything not its own', async () => {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const home = await saves.ensureHome(GAME);
  plantTree(home, { 'save.dat': 'kept' });
  await saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' });
  const layout = savesLayout(dataDir, GAME);
  const stray = layout.objectPath('ab'.repeat(32));
  mkdirSync(dirname(stray), { recursive: true });
  writeFileSync(stray, 'unreferenced');
  writeFileSync(join(layout.objectsDir, `.object.tmp-123-${'0'.repeat(12)}`), 'half');
  writeFileSync(join(layout.objectsDir, 'notes.txt'), 'not ours');
  expect(await saves.gc(GAME)).toEqual({ removedObjects: 1, removedBytes: 16 });
  expect(countFiles(layout.objectsDir)).toBe(2); // the referenced object and notes.txt
  expect(readdirSync(layout.objectsDir)).toContain('notes.txt');
});

it('follows a root given as a link to its folder, so a linked prefix is still saved and restored in place', async () => {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const real = join(dataDir, 'real-users');
  plantTree(real, { 'steamuser/save': '1' });
  const linked = join(dataDir, 'users');
  symlinkSync(real, linked);
  const taken = await saves.snapshot(GAME, [{ name: 'wine-users', path: linked }], { kind: 'manual' });
  if (taken.status !== 'created') throw new Error('expected a snapshot');
  plantTree(real, { 'steamuser/save': '2' });
  await saves.restore(GAME, taken.snapshot.id, [{ name: 'wine-users', path: linked }]);
  expect(lstatSync(linked).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(real, 'steamuser/save'), 'utf8')).toBe('1');
});
