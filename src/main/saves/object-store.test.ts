// Storing a file's content: only a plain file, never what a link swapped in by a running game
// points to (a host file the app may read), and never a wait on a fifo.
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { objectWriter } from './object-store';
import { savesLayout } from './saves-layout';

const tempDir = useTempDirs();

describe('objectWriter.storeFile', () => {
  it('stores a plain file by its content hash', async () => {
    const writer = objectWriter(savesLayout(tempDir(), 'game_a'));
    const file = join(tempDir(), 'save.dat');
    writeFileSync(file, 'counter=3');
    expect((await writer.storeFile(file)).size).toBe(9);
  });

  it('refuses a link put where the walk saw a file, instead of storing the file it leads to', async () => {
    const writer = objectWriter(savesLayout(tempDir(), 'game_a'));
    const secret = join(tempDir(), 'host-secret');
    writeFileSync(secret, 'not the game\'s');
    const link = join(tempDir(), 'save.dat');
    symlinkSync(secret, link);
    await expect(writer.storeFile(link)).rejects.toThrow();
    expect(writer.added).toEqual([]);
  });

  it('refuses a fifo at once rather than waiting for a writer', async () => {
    const writer = objectWriter(savesLayout(tempDir(), 'game_a'));
    const fifo = join(tempDir(), 'save.dat');
    execFileSync('mkfifo', [fifo]);
    await expect(writer.storeFile(fifo)).rejects.toThrow(/stopped being a plain file/);
  });
});
