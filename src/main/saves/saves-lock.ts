// One operation per game at a time: a snapshot, restore, import, prune or gc of a game waits for
// the one before it in this process (a session's end snapshot and the next launch's snapshot before
// its installer come seconds apart: the second must not fail for it), and is refused while another
// app instance holds the game (a lock file created exclusively, as the data dir's instance lock;
// one left by a dead process is taken over). No operation takes the lock inside another.
import { mkdirSync } from 'node:fs';
import { PidLockRaceError, releasePidLock, takePidLock } from '../app-data/pid-lock-file';
import { SavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

/** Per game (its lock file): the turn of the last operation queued; it never rejects. */
const turns = new Map<string, Promise<void>>();

export async function withGameLock<T>(layout: SavesLayout, doing: string, run: () => Promise<T>): Promise<T> {
  const busy = () =>
    new SavesError('busy', `The saves of ${layout.gameId} are busy (${doing} waits for another snapshot or restore to finish): try again in a moment.`);
  const key = layout.lockFile;
  const before = turns.get(key) ?? Promise.resolve();
  let done = () => undefined as void;
  const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
  turns.set(key, mine);
  await before;
  try {
    takeLockFile(layout.gameDir, layout.lockFile, busy);
    try {
      return await run();
    } finally {
      releasePidLock(layout.lockFile);
    }
  } finally {
    done();
    if (turns.get(key) === mine) turns.delete(key);
  }
}

function takeLockFile(gameDir: string, path: string, busy: () => SavesError): void {
  mkdirSync(gameDir, { recursive: true, mode: 0o700 });
  // This process takes its turns in `turns`: our pid in the file is a previous process's leftover.
  let owner: number | undefined;
  try {
    owner = takePidLock(path, { ownPidIsStale: true });
  } catch (error) {
    throw error instanceof PidLockRaceError ? busy() : error;
  }
  if (owner !== undefined) throw busy();
}
