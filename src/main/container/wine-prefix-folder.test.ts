// A host folder as a Wine prefix: the player's own, or not there yet, or refused (never handed over).
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { winePrefixFolderProblem } from './wine-prefix-folder';

const tempDir = useTempDirs();
const me = { uid: process.getuid!(), gid: process.getgid!() };
const isRoot = me.uid === 0;

describe('winePrefixFolderProblem', () => {
  it('accepts a folder of the player, empty or not, and one that is not there yet', () => {
    const mine = tempDir();
    expect(winePrefixFolderProblem(mine, me)).toBeUndefined();
    writeFileSync(join(mine, 'system.reg'), '');
    expect(winePrefixFolderProblem(mine, me)).toBeUndefined();
    expect(winePrefixFolderProblem(join(tempDir(), 'new'), { uid: 4321, gid: 4321 })).toBeUndefined();
  });

  it('refuses an empty folder of another uid: handing over even its top would change an owner the app did not set', () => {
    const folder = tempDir();
    expect(winePrefixFolderProblem(folder, { uid: 4321, gid: 4321 })).toMatch(new RegExp(`^The Wine prefix folder ${folder} is empty but belongs to .*, not to the player \\(uid 4321\\).*sudo chown -R 4321:4321`));
  });

  it.skipIf(!isRoot)('refuses a non-empty folder of root or of another uid, saying what to do', () => {
    const rootOwned = tempDir();
    writeFileSync(join(rootOwned, 'user.reg'), '');
    expect(winePrefixFolderProblem(rootOwned, { uid: 1000, gid: 1000 })).toBe(
      `The Wine prefix folder ${rootOwned} is not empty and belongs to root (uid 0), not to the player (uid 1000), and Dillinger does not change the owner of files it did not create: choose a folder that does not exist yet (the app makes it for the player) or a named volume as the Wine prefix, or give this folder to the player first (sudo chown -R 1000:1000 ${rootOwned}).`,
    );
    const other = join(tempDir(), 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'user.reg'), '');
    chownSync(other, 2002, 2002);
    expect(winePrefixFolderProblem(other, { uid: 1000, gid: 1000 })).toMatch(/belongs to uid 2002, not to the player \(uid 1000\)/);
  });
});
