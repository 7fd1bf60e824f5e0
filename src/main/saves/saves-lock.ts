// One operation per game at a time: a snapshot, restore, import, prune or gc of a game refuses to
// start while another runs, in this process (a set of held games) or in another app instance (a
// lock file created exclusively, as the data dir's instance lock; one left by a dead process is
// taken over).
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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
      if (ownerOf(layout.lockFile) === process.pid) unlinkSync(layout.lockFile);
    }
  } finally {
    held.delete(layout.lockFile);
  }
}

function takeLockFile(gameDir: string, path: string, busy: () => SavesError): void {
  mkdirSync(gameDir, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(path);
      // Our own pid here is a lock a previous process with our pid left: this process holds none.
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw busy();
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw busy();
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
