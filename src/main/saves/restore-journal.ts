// The restore journal (`restore.json`): written atomically before a restore touches anything and
// again before it swaps roots, removed once done. Its phase tells recover() which way to go after a
// crash: `building` (only temp folders exist: remove them, the saves are untouched) or `swapping`
// (every new tree is complete: finish moving them in, so a root is the old tree or the new one).
import { lstat, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeJsonAtomic } from '../session-store/atomic-file';
import type { SavesLayout } from './saves-layout';

export const RestoreJournal = z.object({
  phase: z.enum(['building', 'swapping']),
  snapshotId: z.string(),
  undoSnapshotId: z.string().nullable(),
  startedAt: z.string(),
  roots: z.array(z.object({ name: z.string(), path: z.string(), temp: z.string(), old: z.string(), absent: z.boolean() })),
});
export type RestoreJournal = z.infer<typeof RestoreJournal>;

export function writeJournal(layout: SavesLayout, journal: RestoreJournal): Promise<void> {
  return writeJsonAtomic(layout.restoreJournalFile, journal);
}

export async function readJournal(layout: SavesLayout): Promise<RestoreJournal | undefined> {
  try {
    return RestoreJournal.parse(JSON.parse(await readFile(layout.restoreJournalFile, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Moves every new tree in (idempotent: safe to run again after a crash in the middle of it). */
export async function completeSwap(layout: SavesLayout, journal: RestoreJournal, halfway?: () => Promise<void>): Promise<void> {
  for (const root of journal.roots) {
    const tempThere = await exists(root.temp);
    if (tempThere || root.absent) {
      if ((await exists(root.path)) && !(await exists(root.old))) await rename(root.path, root.old);
    }
    await halfway?.();
    if (tempThere) await rename(root.temp, root.path);
    if (await exists(dirname(root.path))) await fsyncDir(dirname(root.path));
  }
  for (const root of journal.roots) await rm(root.old, { recursive: true, force: true });
  await rm(layout.restoreJournalFile, { force: true });
}

/** Takes back a restore that had not swapped anything: its temp folders go, nothing else changes. */
export async function abandonBuild(layout: SavesLayout, journal: RestoreJournal): Promise<void> {
  for (const root of journal.roots) await rm(root.temp, { recursive: true, force: true });
  await rm(layout.restoreJournalFile, { force: true });
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
