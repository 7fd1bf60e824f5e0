// One app instance per data dir: two cores writing the same session files would corrupt each
// other's view. The lock is a file created exclusively; a lock left by a dead process is taken over.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PidLockRaceError, releasePidLock, takePidLock } from './pid-lock-file';

export const LOCK_FILE = 'dillinger.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Dillinger Runner (process ${pid}) is already using the data folder ${dataDir}. ` +
        'Switch to that window, or close it first; to run a second copy, point it at another folder with DILLINGER_DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface InstanceLock {
  release(): void;
}

export function acquireInstanceLock(dataDir: string): InstanceLock {
  const path = join(dataDir, LOCK_FILE);
  let owner: number | undefined;
  try {
    owner = takePidLock(path, { extra: { hostname: hostname() } });
  } catch (error) {
    if (!(error instanceof PidLockRaceError)) throw error;
    throw new Error(`Could not lock the data folder ${dataDir}: another copy of the app keeps starting at the same time. Try again.`, { cause: error });
  }
  if (owner !== undefined) throw new DataDirInUseError(dataDir, owner);
  return { release: () => releasePidLock(path) };
}
