// Rebuilds one root of a manifest into a new, empty folder: folders, files copied out of the
// object store with their modes and mtimes, links as links. Every path is created fresh inside a
// folder this function made (parents come before children in a manifest, and a parent must be a
// folder entry), so no entry can be written through a link or outside the folder. The content is
// fsynced before it returns (the caller swaps the tree in next), while every path is still ours
// and readable: modes, times and owners come after.
import { constants } from 'node:fs';
import { chmod, copyFile, lchown, lutimes, mkdir, open, symlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ManifestRoot } from './manifest';
import { SavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

export interface Owner {
  uid: number;
  gid: number;
}

const SYNC_BATCH = 16;

export async function buildTree(layout: SavesLayout, root: ManifestRoot, into: string, owner?: Owner): Promise<void> {
  await mkdir(into, { mode: 0o700 });
  const folders = new Set<string>(['']);
  const toSync: string[] = [into];
  for (const entry of root.entries) {
    const parent = entry.path.includes('/') ? dirname(entry.path) : '';
    if (!folders.has(parent)) {
      throw new SavesError('io', `Snapshot of ${layout.gameId} is damaged: ${root.name}/${entry.path} lies in no folder it records.`);
    }
    const target = join(into, entry.path);
    if (entry.type === 'dir') {
      await mkdir(target, { mode: 0o700 });
      folders.add(entry.path);
      toSync.push(target);
    } else if (entry.type === 'file') {
      await copyFile(layout.objectPath(entry.sha256), target, constants.COPYFILE_EXCL).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new SavesError('io', `Snapshot of ${layout.gameId} is damaged: the content of ${root.name}/${entry.path} is missing from the store.`);
      });
      toSync.push(target);
    } else {
      await symlink(entry.target, target);
    }
  }
  for (let start = 0; start < toSync.length; start += SYNC_BATCH) {
    await Promise.all(toSync.slice(start, start + SYNC_BATCH).map(syncPath));
  }
  // The game's own user must be able to write its saves again: hand it what was just made.
  if (owner && process.getuid?.() === 0) {
    await lchown(into, owner.uid, owner.gid);
    for (const entry of root.entries) await lchown(join(into, entry.path), owner.uid, owner.gid);
  }
  for (const entry of root.entries) {
    const target = join(into, entry.path);
    const seconds = entry.mtimeMs / 1000;
    if (entry.type === 'file') {
      await chmod(target, entry.mode);
      await utimes(target, seconds, seconds);
    } else if (entry.type === 'symlink') await lutimes(target, seconds, seconds);
  }
  // Folder modes and times last, deepest first: adding their children changed both.
  for (const dir of root.entries.filter((entry) => entry.type === 'dir').reverse()) {
    await chmod(join(into, dir.path), dir.mode);
    await utimes(join(into, dir.path), dir.mtimeMs / 1000, dir.mtimeMs / 1000);
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
