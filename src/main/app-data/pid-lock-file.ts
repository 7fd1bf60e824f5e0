// A lock held by a process: a file created exclusively, holding the owner's pid. One left by a
// process that is gone (or unreadable) is taken over. The data folder's instance lock and each
// game's saves lock are this, with their own messages.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export interface PidLockOptions {
  /** More fields for the lock file (a host name, say). */
  extra?: Record<string, string>;
  /**
   * True where the caller tracks its own holds in memory: our own pid in the file is then one a
   * previous process with the same pid left, and is taken over. False: it counts as held.
   */
  ownPidIsStale?: boolean;
}

/**
 * Takes the lock at `path` (3 tries, for a race with another taker), writing `{pid, ...extra}`.
 * Returns undefined when taken, or the pid of the live process that holds it.
 */
export function takePidLock(path: string, { extra = {}, ownPidIsStale = false }: PidLockOptions = {}): number | undefined {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, ...extra, startedAt: new Date().toISOString() }));
      closeSync(fd);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = pidLockOwner(path);
      if (owner !== undefined && !(ownPidIsStale && owner === process.pid) && isAlive(owner)) return owner;
      // Left by a process that is gone (or unreadable): take it over.
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw new PidLockRaceError(path);
}

/** Removes the lock if this process holds it. */
export function releasePidLock(path: string): void {
  if (pidLockOwner(path) === process.pid) unlinkSync(path);
}

export function pidLockOwner(path: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Another process kept taking the lock between our tries. */
export class PidLockRaceError extends Error {
  override name = 'PidLockRaceError';
  constructor(readonly path: string) {
    super(`Could not take the lock ${path}: another process keeps taking it at the same time.`);
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
