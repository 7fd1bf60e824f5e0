// Crash-safe file replacement: a reader (or the next start after a crash) sees either the old
// content or the new one, never a torn mix. The data goes to a temp file in the same folder
// (rename is only atomic within one file system), is fsynced, renamed over the target, and the
// folder is fsynced so the rename itself survives a power cut.
//
// Async variants are for the running app; the sync ones serve the startup scan, which runs
// before anything else and is faster as a tight synchronous loop.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Session files may hold an X11 auth token: readable by the owner only. */
const FILE_MODE = 0o600;

/**
 * `.<name>.tmp-<pid>-<12 hex digits>`, exactly what `tempPathFor` makes: what a writer killed
 * mid-write leaves behind. Such a file was never renamed into place, so no caller was ever told its
 * content was saved: the target beside it is the durable state, and the temp file can go.
 */
export const TEMP_FILE_PATTERN = /^\.(.+)\.tmp-\d+-[0-9a-f]{12}$/;

export function isTempFileName(name: string): boolean {
  return TEMP_FILE_PATTERN.test(name);
}

/** The name of the file a temp file was about to replace (`sess_x.json`), or undefined if `name` is not one of ours. */
export function tempFileTarget(name: string): string | undefined {
  return TEMP_FILE_PATTERN.exec(name)?.[1];
}

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

// Windows cannot open a folder as a file to fsync it; NTFS journals the rename anyway.
const CAN_FSYNC_DIRS = process.platform !== 'win32';

export async function fsyncDir(dir: string): Promise<void> {
  if (!CAN_FSYNC_DIRS) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function fsyncDirSync(dir: string): void {
  if (!CAN_FSYNC_DIRS) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number = FILE_MODE): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    // Our own failed write, reported to the caller: its temp file holds nothing anyone relies on.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'wx', FILE_MODE);
  try {
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  fsyncDirSync(dirname(path));
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `mode` 0600 by default (session files may hold secrets); 0644 for files the user edits by hand. */
export function writeJsonAtomic(path: string, value: unknown, mode: number = FILE_MODE): Promise<void> {
  return writeFileAtomic(path, toJsonText(value), mode);
}

export function writeJsonAtomicSync(path: string, value: unknown): void {
  writeFileAtomicSync(path, toJsonText(value));
}
