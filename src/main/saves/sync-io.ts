// The saves engine's file writes, done in place on this thread except for the one step that waits
// for the disk. Opening, writing into the page cache, renaming and closing take microseconds, less
// than a hand-over to the thread pool and back; under load each such hand-over waits for a thread
// to be scheduled, and the pool's 4 threads may all be blocked in other objects' fsyncs. So only
// fsync goes to the pool, and a snapshot's critical path has one hand-over per durable step.
import { closeSync, fsync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';

const fsyncInPool = promisify(fsync);

/** Resolves once `fd`'s data and metadata are on disk; close `fd` only after it settles. */
export function fsyncFd(fd: number): Promise<void> {
  return fsyncInPool(fd);
}

// Windows cannot open a folder as a file to fsync it; NTFS journals the rename anyway.
const CAN_FSYNC_DIRS = process.platform !== 'win32';

/** Makes the entries of `dir` (files renamed or made in it) durable. */
export async function syncDir(dir: string): Promise<void> {
  if (!CAN_FSYNC_DIRS) return;
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** A write may take only part of a buffer (a nearly full disk does that): write the rest, or fail. */
export function writeAllSync(fd: number, data: Uint8Array): void {
  for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset, data.length - offset);
}
