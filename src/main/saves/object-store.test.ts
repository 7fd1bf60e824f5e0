// Storing a file's content: only a plain file, never what a link swapped in by a running game
// points to (a host file the app may read), and never a wait on a fifo.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('stores content whole under its hash, each chunk as written, and the same content once', async () => {
    const layout = savesLayout(tempDir(), 'game_a');
    const writer = objectWriter(layout);
    // Chunks of varied sizes, each different: one out of order or missing shows in the bytes.
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(1000 + i * 997, i));
    const whole = Buffer.concat(chunks);
    const sha256 = createHash('sha256').update(whole).digest('hex');
    expect(await writer.storeStream(chunks)).toEqual({ sha256, size: whole.length, added: true });
    expect(readFileSync(layout.objectPath(sha256)).equals(whole)).toBe(true);

    const file = join(tempDir(), 'same.dat');
    writeFileSync(file, whole);
    expect(await writer.storeFile(file)).toMatchObject({ sha256, size: whole.length, added: false });
    await writer.flush();
    expect(writer.added).toEqual([sha256]);
    // One object in its folder, and no temp file left beside it.
    expect(readdirSync(layout.objectsDir, { recursive: true }).sort()).toEqual([sha256.slice(0, 2), join(sha256.slice(0, 2), sha256)]);
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
