// Where one game's saves live: `<dataDir>/saves/<gameId>/` holds the persistent home, the Wine
// prefix's user folders (when the prefix is the app's volume), the content-addressed objects, the
// snapshot manifests, the lock and the two crash journals.
import { join } from 'node:path';
import { GAME_ID_PATTERN } from '../../shared/model/entities';
import { SavesError } from './saves-errors';

export interface SavesLayout {
  dataDir: string;
  gameId: string;
  gameDir: string;
  homeDir: string;
  /** A Windows game's prefix user folders (drive_c/users), bound over the app's prefix volume: save-roots.ts. */
  prefixUsersDir: string;
  objectsDir: string;
  snapshotsDir: string;
  lockFile: string;
  /** Written before a snapshot stores its first object, removed once its manifest is written. */
  pendingSnapshotFile: string;
  /** Written before a restore swaps its roots in, removed once the swap is complete. */
  restoreJournalFile: string;
  objectPath(sha256: string): string;
  manifestPath(snapshotId: string): string;
}

export function savesRoot(dataDir: string): string {
  return join(dataDir, 'saves');
}

export function savesLayout(dataDir: string, gameId: string): SavesLayout {
  // The id becomes a folder name: refuse anything that could climb out of saves/.
  if (!GAME_ID_PATTERN.test(gameId)) throw new SavesError('not_found', `"${gameId}" is not a game id.`);
  const gameDir = join(savesRoot(dataDir), gameId);
  const objectsDir = join(gameDir, 'objects');
  const snapshotsDir = join(gameDir, 'snapshots');
  return {
    dataDir,
    gameId,
    gameDir,
    homeDir: join(gameDir, 'home'),
    prefixUsersDir: join(gameDir, 'prefix-users'),
    objectsDir,
    snapshotsDir,
    lockFile: join(gameDir, 'saves.lock'),
    pendingSnapshotFile: join(gameDir, 'snapshot-pending.json'),
    restoreJournalFile: join(gameDir, 'restore.json'),
    objectPath: (sha256) => join(objectsDir, sha256.slice(0, 2), sha256),
    manifestPath: (snapshotId) => join(snapshotsDir, `${snapshotId}.json`),
  };
}
