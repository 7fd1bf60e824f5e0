// What the app runs at start, for every game with saves: finishes or takes back a restore that a
// crash interrupted (restore-journal.ts), and reports a snapshot that was interrupted (its marker
// is there, its manifest is not: the previous snapshots are intact) before removing the objects
// that half-made snapshot stored and no manifest refers to. Every such finding is a warning: the
// app shows it; nothing is ever removed without one.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GAME_ID_PATTERN } from '../../shared/model/entities';
import { isTempFileName } from '../session-store/atomic-file';
import { collectGarbage } from './gc';
import { abandonBuild, completeSwap, readJournal } from './restore-journal';
import { SavesError } from './saves-errors';
import { savesLayout, savesRoot, type SavesLayout } from './saves-layout';
import { withGameLock } from './saves-lock';

export interface RecoverResult {
  warnings: string[];
}

export async function recoverAll(dataDir: string): Promise<RecoverResult> {
  let games: string[];
  try {
    games = (await readdir(savesRoot(dataDir))).filter((name) => GAME_ID_PATTERN.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { warnings: [] };
    throw error;
  }
  const warnings: string[] = [];
  for (const gameId of games) {
    const layout = savesLayout(dataDir, gameId);
    try {
      warnings.push(...(await withGameLock(layout, 'recovery', () => recoverGame(layout))));
    } catch (error) {
      if (!(error instanceof SavesError && error.code === 'busy')) {
        warnings.push(`The saves of ${gameId} could not be checked after the last run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { warnings };
}

export async function recoverGame(layout: SavesLayout): Promise<string[]> {
  const warnings: string[] = [];
  const journal = await readJournal(layout);
  if (journal?.phase === 'building') {
    await abandonBuild(layout, journal);
    warnings.push(
      `A restore of ${layout.gameId} to snapshot ${journal.snapshotId} was interrupted at ${journal.startedAt} before it changed anything: ` +
        'the saves are as they were, and the snapshots are intact. Restore again if you still want it.',
    );
  } else if (journal) {
    await completeSwap(layout, journal);
    warnings.push(
      `A restore of ${layout.gameId} to snapshot ${journal.snapshotId} was interrupted at ${journal.startedAt}; it has now been completed. ` +
        (journal.undoSnapshotId ? `Snapshot ${journal.undoSnapshotId} holds the saves from before it, to undo it.` : 'There were no saves before it.'),
    );
  }
  const pending = await readPending(layout);
  if (pending !== undefined) {
    const removed = await collectGarbage(layout);
    // A manifest it had begun to write was never renamed into place: no snapshot is lost with it.
    const names = await readdir(layout.snapshotsDir).catch(() => [] as string[]);
    for (const name of names.filter(isTempFileName)) await rm(join(layout.snapshotsDir, name), { force: true });
    await rm(layout.pendingSnapshotFile, { force: true });
    warnings.push(
      `A snapshot of ${layout.gameId} was interrupted at ${pending}; the previous snapshots are intact. ` +
        `The ${removed.removedObjects} file contents it had stored (${removed.removedBytes} bytes), which no snapshot refers to, were removed.`,
    );
  }
  return warnings;
}

async function readPending(layout: SavesLayout): Promise<string | undefined> {
  try {
    const text = await readFile(layout.pendingSnapshotFile, 'utf8');
    try {
      const startedAt = (JSON.parse(text) as { startedAt?: unknown }).startedAt;
      return typeof startedAt === 'string' ? startedAt : 'an unknown time';
    } catch {
      return 'an unknown time';
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
