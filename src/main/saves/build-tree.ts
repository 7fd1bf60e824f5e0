// Rebuilds one root of a manifest into a new, empty folder: folders, files copied out of the
// object store with their modes and mtimes, links as links. Every path is created fresh inside a
// folder this function made (parents come before children in a manifest, and a parent must be a
// folder entry), so no entry can be written through a link or outside the folder.
import { constants } from 'node:fs';
import { chmod, copyFile, lchown, lutimes, mkdir, symlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ManifestRoot } from './manifest';
import { SavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

export interface Owner {
  uid: number;
  gid: number;
}

export async function buildTree(layout: SavesLayout, root: ManifestRoot, into: string, owner?: Owner): Promise<void> {
  await mkdir(into, { mode: 0o700 });
  const folders = new Set<string>(['']);
  const created: string[] = [into];
  for (const entry of root.entries) {
    const parent = entry.path.includes('/') ? dirname(entry.path) : '';
    if (!folders.has(parent)) {
      throw new SavesError('io', `Snapshot of ${layout.gameId} is damaged: ${root.name}/${entry.path} lies in no folder it records.`);
    }
    const target = join(into, entry.path);
    if (entry.type === 'dir') {
      await mkdir(target, { mode: 0o700 });
      folders.add(entry.path);
    } else if (entry.type === 'file') {
      await copyFile(layout.objectPath(entry.sha256), target, constants.COPYFILE_EXCL).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new SavesError('io', `Snapshot of ${layout.gameId} is damaged: the content of ${root.name}/${entry.path} is missing from the store.`);
      });
      await chmod(target, entry.mode);
      await utimes(target, entry.mtimeMs / 1000, entry.mtimeMs / 1000);
    } else {
      await symlink(entry.target, target);
      await lutimes(target, entry.mtimeMs / 1000, entry.mtimeMs / 1000);
    }
    created.push(target);
  }
  // The game's own user must be able to write its saves again: hand it what was just made.
  if (owner && process.getuid?.() === 0) for (const path of created) await lchown(path, owner.uid, owner.gid);
  // Folder modes and times last, deepest first: adding their children changed both.
  const dirs = root.entries.filter((entry) => entry.type === 'dir').reverse();
  for (const dir of dirs) {
    await chmod(join(into, dir.path), dir.mode);
    await utimes(join(into, dir.path), dir.mtimeMs / 1000, dir.mtimeMs / 1000);
  }
}
