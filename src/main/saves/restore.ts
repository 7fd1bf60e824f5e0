// Restores a snapshot: first a `before-restore` snapshot of the current state (the undo point),
// then each root is rebuilt from the manifest into a sibling temp folder, and swapped in with
// renames (root → `.<root>.old-<token>`, temp → root, then the old one is removed). The journal
// (restore-journal.ts) makes a crash at any point end, at the next recover(), with each root being
// either its old tree or the new one, never a mix.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildTree, type Owner } from './build-tree';
import { readManifest } from './manifest';
import { pausePoint } from './pause-point';
import { abandonBuild, completeSwap, writeJournal, type RestoreJournal } from './restore-journal';
import { SavesError, toSavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';
import { takeSnapshot, type SaveRoot, type SnapshotOptions } from './take-snapshot';

export interface RestoreResult {
  snapshotId: string;
  /** Restore this one to undo; null when there was nothing to save before. */
  undoSnapshotId: string | null;
}

export async function restoreSnapshot(layout: SavesLayout, snapshotId: string, roots: SaveRoot[], options: SnapshotOptions = {}): Promise<RestoreResult> {
  const manifest = await readManifest(layout, snapshotId);
  for (const root of roots) await refuseNonFolder(root.path, snapshotId);
  const before = await takeSnapshot(layout, roots, { kind: 'before-restore' }, options);
  const token = randomBytes(6).toString('hex');
  const journal: RestoreJournal = {
    phase: 'building',
    snapshotId,
    undoSnapshotId: before.snapshotId,
    startedAt: (options.now ?? new Date()).toISOString(),
    roots: roots.flatMap((root) => {
      const recorded = manifest.roots.find((r) => r.name === root.name);
      if (!recorded) return []; // not part of that snapshot: left as it is
      const sibling = (kind: string) => join(dirname(root.path), `.${basename(root.path)}.${kind}-${token}`);
      return [{ name: root.name, path: root.path, temp: sibling('restore'), old: sibling('old'), absent: !recorded.present }];
    }),
  };
  try {
    await writeJournal(layout, journal);
    for (const root of journal.roots) {
      const recorded = manifest.roots.find((r) => r.name === root.name);
      if (!recorded || root.absent) continue;
      await mkdir(dirname(root.path), { recursive: true, mode: 0o700 }); // a prefix made again since
      await buildTree(layout, recorded, root.temp, await ownerOf(root.path, roots.find((r) => r.name === root.name)?.owner));
      await pausePoint('restore:building');
    }
  } catch (error) {
    await abandonBuild(layout, journal).catch(() => undefined);
    throw toSavesError(error, layout.dataDir, `restore snapshot ${snapshotId} of ${layout.gameId}`);
  }
  try {
    const swapping: RestoreJournal = { ...journal, phase: 'swapping' };
    await writeJournal(layout, swapping);
    await pausePoint('restore:swapping');
    await completeSwap(layout, swapping, () => pausePoint('restore:half-swapped'));
  } catch (error) {
    throw toSavesError(error, layout.dataDir, `finish restoring snapshot ${snapshotId} of ${layout.gameId} (the next start finishes it)`);
  }
  return { snapshotId, undoSnapshotId: before.snapshotId };
}

/** A root that is a file or a link was never snapshotted (it reads as absent): never move it away. */
async function refuseNonFolder(path: string, snapshotId: string): Promise<void> {
  try {
    if ((await lstat(path)).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  throw new SavesError('io', `${path} is not a folder, so it cannot be restored to snapshot ${snapshotId}: move it away first. Nothing was changed.`);
}

/** Restored files belong to whoever owns the root now (the game's user), or its parent folder. */
/** The root's own owner; for a root that does not exist yet, the one its caller names (the game's user), else its parent's. */
async function ownerOf(rootPath: string, whenNew: Owner | undefined): Promise<Owner | undefined> {
  for (const path of [rootPath, dirname(rootPath)]) {
    try {
      const stats = await lstat(path);
      return { uid: stats.uid, gid: stats.gid };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (whenNew) return whenNew;
    }
  }
  return undefined;
}

