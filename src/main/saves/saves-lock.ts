// One operation per game at a time: a snapshot, restore, import, prune or gc of a game refuses to
// start while another runs, in this process (a set of held games) or in another app instance (a
// lock file created exclusively, as the data dir's instance lock; one left by a dead process is
// taken over).
import { mkdirSync } from 'node:fs';
import { PidLockRaceError, releasePidLock, takePidLock } from '../app-data/pid-lock-file';
import { SavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

const held = new Set<string>();

export async function withGameLock<T>(layout: SavesLayout, doing: string, run: () => Promise<T>): Promise<T> {
  const busy = () =>
    new SavesError('busy', `The saves of ${layout.gameId} are busy (${doing} waits for another snapshot or restore to finish): try again in a moment.`);
  if (held.has(layout.lockFile)) throw busy();
  held.add(layout.lockFile);
  try {
    takeLockFile(layout.gameDir, layout.lockFile, busy);
    try {
      return await run();
    } finally {
      releasePidLock(layout.lockFile);
    }
  } finally {
    held.delete(layout.lockFile);
  }
}

function takeLockFile(gameDir: string, path: string, busy: () => SavesError): void {
  mkdirSync(gameDir, { recursive: true, mode: 0o700 });
  // This process's own holds are in `held`: our pid in the file is a previous process's leftover.
  let owner: number | undefined;
  try {
    owner = takePidLock(path, { ownPidIsStale: true });
  } catch (error) {
    throw error instanceof PidLockRaceError ? busy() : error;
  }
  if (owner !== undefined) throw busy();
}
