// Content-addressed file contents: `objects/<2 hex>/<sha256>`, each written once, atomically
// (temp file in objects/, fsync, rename), so an object that exists is always whole. A file's
// bytes are read once: hashed while they are copied to the temp file.
import { createHash } from 'node:crypto';
import { constants, createReadStream, type Stats } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
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
  const touchedDirs = new Set<string>();
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
        const source = stats.size <= WHOLE_FILE_BYTES ? [await handle.readFile()] : handle.createReadStream({ autoClose: false });
        const stored = await writer.storeStream(source);
        return { ...stored, stats };
      } finally {
        await handle.close();
      }
    },
    async storeStream(source) {
      await mkdir(layout.objectsDir, { recursive: true, mode: 0o700 });
      const temp = tempPathFor(join(layout.objectsDir, 'object'));
      const out = await open(temp, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      try {
        try {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.length;
            await out.write(chunk);
          }
          await out.sync();
        } finally {
          await out.close();
        }
        writer.bytesRead += size;
        const sha256 = hash.digest('hex');
        const target = layout.objectPath(sha256);
        if (await exists(target)) {
          await unlink(temp);
          // It may be left by a snapshot that was killed before making it durable: make sure.
          touchedDirs.add(dirname(target));
          return { sha256, size, added: false };
        }
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        await rename(temp, target);
        touchedDirs.add(dirname(target));
        writer.added.push(sha256);
        return { sha256, size, added: true };
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },
    async flush() {
      await Promise.all([...touchedDirs].map((dir) => fsyncDir(dir)));
      if (touchedDirs.size > 0) await fsyncDir(layout.objectsDir);
      touchedDirs.clear();
    },
  };
  return writer;
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
