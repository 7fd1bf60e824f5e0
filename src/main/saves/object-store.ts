// Content-addressed file contents: `objects/<2 hex>/<sha256>`, each written once, atomically
// (temp file in objects/, fsync, rename), so an object that exists is always whole. A file's
// bytes are read once: this thread hashes each chunk while the thread pool writes it to the temp
// file, and the fsync runs while the store checks whether it already holds that content, so a
// changed file costs about its read plus its fsync. Folders are made durable once, in flush().
import { createHash } from 'node:crypto';
import { constants, createReadStream, type Stats } from 'node:fs';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncDir, tempPathFor } from '../session-store/atomic-file';
import type { SavesLayout } from './saves-layout';
import { SavesError } from './saves-errors';

export interface StoredObject {
  sha256: string;
  size: number;
  /** false when the store already held this content. */
  added: boolean;
}

export interface ObjectWriter {
  /** Copies a file into the store; `stats` are the open file's own, taken before reading. */
  storeFile(path: string): Promise<StoredObject & { stats: Stats }>;
  storeStream(source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<StoredObject>;
  /** Objects this writer added, for a caller that must take them back after a failure. */
  readonly added: string[];
  /** Makes every rename durable; call before the manifest that refers to them is written. */
  flush(): Promise<void>;
  bytesRead: number;
}

/** Files up to this size are read in one call. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024;

export function objectWriter(layout: SavesLayout): ObjectWriter {
  /** Folders whose entries this writer changed (renames in, folders made): fsynced by flush(). */
  const touchedDirs = new Set<string>();
  let objectsDirReady: Promise<void> | undefined;
  const makeDir = async (dir: string) => {
    const first = await mkdir(dir, { recursive: true, mode: 0o700 });
    // The new folder's own entry lies in its parent: a power cut must not lose it either.
    if (first !== undefined) for (let made = dir; made.length >= first.length; made = dirname(made)) touchedDirs.add(dirname(made));
  };
  const writer: ObjectWriter = {
    added: [],
    bytesRead: 0,
    async storeFile(path) {
      // The walk saw a plain file here, but a running game could swap in a link to a host file the
      // app may read, or a fifo: never follow a link, never wait on a fifo, store only a plain file.
      const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new SavesError('io', `${path} stopped being a plain file while its saves were read: take the snapshot again once the game is closed.`);
        // Most saves are small: one read and one write beat a stream of 64 KiB chunks.
        const source = stats.size <= WHOLE_FILE_BYTES ? [await readUpTo(handle, stats.size)] : handle.createReadStream({ autoClose: false });
        const stored = await writer.storeStream(source);
        return { ...stored, stats };
      } finally {
        await handle.close();
      }
    },
    async storeStream(source) {
      objectsDirReady ??= makeDir(layout.objectsDir);
      await objectsDirReady;
      const temp = tempPathFor(join(layout.objectsDir, 'object'));
      const out = await open(temp, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      try {
        let sha256: string;
        let present: boolean;
        try {
          for await (const chunk of source) {
            // Both only read the chunk: the pool writes it while this thread hashes it.
            const writing = writeAll(out, chunk);
            hash.update(chunk);
            size += chunk.length;
            await writing;
          }
          sha256 = hash.digest('hex');
          [, present] = await Promise.all([out.sync(), exists(layout.objectPath(sha256))]);
        } finally {
          await out.close();
        }
        writer.bytesRead += size;
        const target = layout.objectPath(sha256);
        // It may be left by a snapshot that was killed before making it durable: flush() makes sure.
        touchedDirs.add(dirname(target));
        if (present) {
          await unlink(temp);
          return { sha256, size, added: false };
        }
        await rename(temp, target).catch(async (error: unknown) => {
          // Its folder is made on first use: most already exist, so no mkdir per object.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          await makeDir(dirname(target));
          await rename(temp, target);
        });
        writer.added.push(sha256);
        return { sha256, size, added: true };
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },
    async flush() {
      // objects/ too whenever any object was touched: its 2-hex folder may be one a killed snapshot
      // made and never fsynced. All at once: they are independent, and the manifest waits for all.
      if (touchedDirs.size > 0) touchedDirs.add(layout.objectsDir);
      const dirs = [...touchedDirs];
      touchedDirs.clear();
      await Promise.all(dirs.map((dir) => fsyncDir(dir)));
    },
  };
  return writer;
}

/** Up to `size` bytes from the start: what readFile reads of a file stat'ed at that size, without its own fstat. */
async function readUpTo(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) break; // shortened while read: its content is what was there
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A write may take only part of a chunk (a nearly full disk does that): write the rest, or fail. */
async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await out.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

export function readObject(layout: SavesLayout, sha256: string): Readable {
  return createReadStream(layout.objectPath(sha256));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
