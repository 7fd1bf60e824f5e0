// Content-addressed file contents: `objects/<2 hex>/<sha256>`, each written once, atomically
// (temp file in objects/, fsync, rename), so an object that exists is always whole. A file's
// bytes are read once: this thread hashes them while the thread pool writes them to the temp file
// and (for a file read whole) fsyncs it, so a changed file costs about its read plus its fsync,
// not its hash on top. Folders are made durable once, in flush(), before the manifest.
import { createHash, type Hash } from 'node:crypto';
import { constants, createReadStream, statSync, type Stats } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
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
const HASH_SLICE_BYTES = 256 * 1024;

export function objectWriter(layout: SavesLayout): ObjectWriter {
  /** Folders whose entries this writer changed (renames in, folders made): fsynced by flush(). */
  const touchedDirs = new Set<string>();
  let objectsDirReady: Promise<void> | undefined;
  const makeDir = async (dir: string) => {
    const first = await mkdir(dir, { recursive: true, mode: 0o700 });
    // The new folder's own entry lies in its parent: a power cut must not lose it either.
    if (first !== undefined) for (let made = dir; made.length >= first.length; made = dirname(made)) touchedDirs.add(dirname(made));
  };
  /** Whole content in memory: its fsync starts as soon as it is written, while this thread still hashes it. */
  const storeBuffer = (content: Buffer) =>
    writeObject(async (out, hash) => {
      const durable = writeAll(out, content).then(() => out.sync());
      durable.catch(() => undefined); // awaited below; hashing cannot fail, but never an unhandled rejection
      await hashInSlices(hash, content);
      await durable;
      return content.length;
    });
  /** A temp file in objects/ that `fill` writes, hashes and fsyncs, then renamed to its hash unless the store has it. */
  const writeObject = async (fill: (out: FileHandle, hash: Hash) => Promise<number>): Promise<StoredObject> => {
    objectsDirReady ??= makeDir(layout.objectsDir);
    await objectsDirReady;
    const temp = tempPathFor(join(layout.objectsDir, 'object'));
    const out = await open(temp, 'wx', 0o600);
    const hash = createHash('sha256');
    try {
      let size: number;
      try {
        size = await fill(out, hash);
      } finally {
        await out.close();
      }
      writer.bytesRead += size;
      const sha256 = hash.digest('hex');
      const target = layout.objectPath(sha256);
      // It may be left by a snapshot that was killed before making it durable: flush() makes sure.
      touchedDirs.add(dirname(target));
      // One stat of a cached entry: on this thread, not in a pool queue behind other objects' fsyncs.
      if (statSync(target, { throwIfNoEntry: false })) {
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
        const stored = stats.size <= WHOLE_FILE_BYTES ? await storeBuffer(await readUpTo(handle, stats.size)) : await writer.storeStream(handle.createReadStream({ autoClose: false }));
        return { ...stored, stats };
      } finally {
        await handle.close();
      }
    },
    storeStream: (source) =>
      writeObject(async (out, hash) => {
        let size = 0;
        for await (const chunk of source) {
          // Both only read the chunk: the pool writes it while this thread hashes it.
          const writing = writeAll(out, chunk);
          await hashInSlices(hash, chunk);
          size += chunk.length;
          await writing;
        }
        await out.sync();
        return size;
      }),
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

/**
 * Hashes a chunk a slice at a time, yielding between slices: hashing a MiB holds this thread for a
 * millisecond or more, and the other objects' writes, waiting for it to start their fsyncs, must
 * not wait for every object's hash.
 */
async function hashInSlices(hash: Hash, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; offset += HASH_SLICE_BYTES) {
    if (offset > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    hash.update(chunk.subarray(offset, offset + HASH_SLICE_BYTES));
  }
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
