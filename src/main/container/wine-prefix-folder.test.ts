// A host folder as a Wine prefix: the player's own, or empty, or refused (never handed over).
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { winePrefixFolderProblem } from './wine-prefix-folder';

const tempDir = useTempDirs();
const me = { uid: process.getuid!(), gid: process.getgid!() };
const isRoot = me.uid === 0;

describe('winePrefixFolderProblem', () => {
  it('accepts a folder of the player, an empty folder, and one that is not there yet', () => {
    const mine = tempDir();
    writeFileSync(join(mine, 'system.reg'), '');
    expect(winePrefixFolderProblem(mine, me)).toBeUndefined();
    expect(winePrefixFolderProblem(tempDir(), { uid: 4321, gid: 4321 })).toBeUndefined();
    expect(winePrefixFolderProblem(join(tempDir(), 'new'), { uid: 4321, gid: 4321 })).toBeUndefined();
  });

  it.skipIf(!isRoot)('refuses a non-empty folder of root or of another uid, saying what to do', () => {
    const rootOwned = tempDir();
    writeFileSync(join(rootOwned, 'user.reg'), '');
    expect(winePrefixFolderProblem(rootOwned, { uid: 1000, gid: 1000 })).toBe(
      `The Wine prefix folder ${rootOwned} is not empty and belongs to root (uid 0), not to the player (uid 1000), and Dillinger does not change the owner of files it did not create: choose an empty folder or a named volume as the Wine prefix, or give this folder to the player first (sudo chown -R 1000:1000 ${rootOwned}).`,
    );
    const other = join(tempDir(), 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'user.reg'), '');
    chownSync(other, 2002, 2002);
    expect(winePrefixFolderProblem(other, { uid: 1000, gid: 1000 })).toMatch(/belongs to uid 2002, not to the player \(uid 1000\)/);
  });
});
