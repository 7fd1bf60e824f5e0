// The one folder a game is given: its own, by real path, never one a symlink leads to outside the library.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { gameFolderOf } from './game-folder';

const tempDir = useTempDirs();

function library(): string {
  const dir = join(tempDir(), 'library');
  mkdirSync(join(dir, 'supertux'), { recursive: true });
  return dir;
}

describe('gameFolderOf', () => {
  it("gives the real path of the game's own folder in the library", () => {
    const dir = library();
    expect(gameFolderOf(dir, { folder: 'supertux', title: 'SuperTux' })).toBe(realpathSync(join(dir, 'supertux')));
  });

  it('follows a symlink that stays inside the library, and refuses one that leads out of it', () => {
    const dir = library();
    symlinkSync(join(dir, 'supertux'), join(dir, 'alias'));
    expect(gameFolderOf(dir, { folder: 'alias', title: 'Alias' })).toBe(realpathSync(join(dir, 'supertux')));
    const outside = tempDir();
    symlinkSync(outside, join(dir, 'escape'));
    expect(() => gameFolderOf(dir, { folder: 'escape', title: 'Escape' })).toThrow(/outside the library folder .*Move the game into the library/);
    symlinkSync(dir, join(dir, 'whole'));
    expect(() => gameFolderOf(dir, { folder: 'whole', title: 'Whole' })).toThrow(/outside the library folder/);
  });

  it('refuses a missing folder or a file, saying what to do', () => {
    const dir = library();
    expect(() => gameFolderOf(dir, { folder: 'gone', title: 'Gone' })).toThrow(/Gone's folder .* is not there \(ENOENT\): refresh the library/);
    writeFileSync(join(dir, 'file'), '');
    expect(() => gameFolderOf(dir, { folder: 'file', title: 'File' })).toThrow(/is not a folder/);
  });

  it("gives a game installed elsewhere its location's real path", () => {
    const elsewhere = tempDir();
    expect(gameFolderOf(library(), { folder: 'x', title: 'X', location: elsewhere })).toBe(realpathSync(elsewhere));
  });
});
