// Content-addressed file contents: `objects/<2 hex>/<sha256>`, each written once, atomically
// (temp file in objects/, fsync, rename), so an object that exists is always whole. A file's
// bytes are read once, written to the temp file, and hashed while its fsync runs in the thread
// pool, so a changed file costs about its read plus its fsync, not its hash on top. The other
// steps are done in place (sync-io.ts says why). Folders are made durable once, in flush(),
// before the manifest that names the objects.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, createReadStream, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { tempPathFor } from '../session-store/atomic-file';
import type { SavesLayout } from './saves-layout';
import { SavesError } from './saves-errors';
import { fsyncFd, syncDir, writeAllSync } from './sync-io';

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
const HASH_SLICE_BYTES = 256 * 1024;

export function objectWriter(layout: SavesLayout): ObjectWriter {
  /** Folders whose entries this writer changed (renames in, folders made): fsynced by flush(). */
  const touchedDirs = new Set<string>();
  let objectsDirMade = false;
  const makeDir = (dir: string) => {
    const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The new folder's own entry lies in its parent: a power cut must not lose it either.
    if (first !== undefined) for (let made = dir; made.length >= first.length; made = dirname(made)) touchedDirs.add(dirname(made));
  };
  /** Whole content in memory: its fsync starts as soon as it is written, while this thread hashes it. */
  const storeBuffer = (content: Buffer) =>
    writeObject(async (out, hash) => {
      writeAllSync(out, content);
      // Both settle before the temp file is closed: never a close while its fsync is in flight.
      const [synced, hashed] = await Promise.allSettled([fsyncFd(out), hashInSlices(hash, content)]);
      if (synced.status === 'rejected') throw synced.reason;
      if (hashed.status === 'rejected') throw hashed.reason;
      return content.length;
    });
  /** A temp file in objects/ that `fill` writes, hashes and fsyncs, then renamed to its hash unless the store has it. */
  const writeObject = async (fill: (out: number, hash: Hash) => Promise<number>): Promise<StoredObject> => {
    if (!objectsDirMade) makeDir(layout.objectsDir);
    objectsDirMade = true;
    const temp = tempPathFor(join(layout.objectsDir, 'object'));
    const out = openSync(temp, 'wx', 0o600);
    const hash = createHash('sha256');
    try {
      let size: number;
      try {
        size = await fill(out, hash);
      } finally {
        closeSync(out);
      }
      writer.bytesRead += size;
      const sha256 = hash.digest('hex');
      const target = layout.objectPath(sha256);
      // It may be left by a snapshot that was killed before making it durable: flush() makes sure.
      touchedDirs.add(dirname(target));
      if (statSync(target, { throwIfNoEntry: false })) {
        unlinkSync(temp);
        return { sha256, size, added: false };
      }
      try {
        renameSync(temp, target);
      } catch (error) {
        // Its folder is made on first use: most already exist, so no mkdir per object.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        makeDir(dirname(target));
        renameSync(temp, target);
      }
      writer.added.push(sha256);
      return { sha256, size, added: true };
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // never made, or already renamed away
      }
      throw error;
    }
  };
  const writer: ObjectWriter = {
    added: [],
    bytesRead: 0,
    async storeFile(path) {
      // The walk saw a plain file here, but a running game could swap in a link to a host file the
      // app may read, or a fifo: never follow a link, never wait on a fifo, store only a plain file.
      const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) throw new SavesError('io', `${path} stopped being a plain file while its saves were read: take the snapshot again once the game is closed.`);
        // Most saves are small: one read and one write beat a stream of 64 KiB chunks.
        const stored =
          stats.size <= WHOLE_FILE_BYTES ? await storeBuffer(readUpTo(fd, stats.size)) : await writer.storeStream(createReadStream(path, { fd, autoClose: false }));
        return { ...stored, stats };
      } finally {
        closeSync(fd);
      }
    },
    storeStream: (source) =>
      writeObject(async (out, hash) => {
        let size = 0;
        for await (const chunk of source) {
          writeAllSync(out, chunk);
          await hashInSlices(hash, chunk);
          size += chunk.length;
        }
        await fsyncFd(out);
        return size;
      }),
    async flush() {
      // objects/ too whenever any object was touched: its 2-hex folder may be one a killed snapshot
      // made and never fsynced. All at once: they are independent, and the manifest waits for all.
      if (touchedDirs.size > 0) touchedDirs.add(layout.objectsDir);
      const dirs = [...touchedDirs];
      touchedDirs.clear();
      await Promise.all(dirs.map((dir) => syncDir(dir)));
    },
  };
  return writer;
}

/** Up to `size` bytes from the start: what readFile reads of a file stat'ed at that size. */
function readUpTo(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const bytesRead = readSync(fd, buffer, filled, size - filled, filled);
    if (bytesRead === 0) break; // shortened while read: its content is what was there
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Hashes a chunk a slice at a time, yielding between slices: hashing a MiB holds this thread for a
 * millisecond or more, and the other objects, waiting for it to write and start their fsyncs,
 * must not wait for every object's hash.
 */
async function hashInSlices(hash: Hash, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; offset += HASH_SLICE_BYTES) {
    if (offset > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    hash.update(chunk.subarray(offset, offset + HASH_SLICE_BYTES));
  }
}

export function readObject(layout: SavesLayout, sha256: string): Readable {
  return createReadStream(layout.objectPath(sha256));
}
