// The contract's saves.* methods: a game's snapshots listed, diffed against its current saves,
// restored (refused while a session of the game is live: its container holds the home; a launch
// during a restore fails, restore-guard.ts), exported to an archive and imported back. The roots
// are the game's home and its prefix's user folders, named by save-roots.ts as every snapshot
// names them. The engine's errors cross the contract with their words and a matching code; a
// restore or an import tells saves.changed.
import { ContractError } from '../../shared/contract/envelope';
import { LIVE_STATUSES } from '../../shared/model/session-states';
import type { SessionStore } from '../session-store/session-store';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../transport/dispatcher';
import type { Owner } from './build-tree';
import type { GameSaves, SaveRoot } from './game-saves';
import { SavesError } from './saves-errors';
import { exportTarget, importSource, type ArchivePlaces } from './saves-archive-path';
import { restoreGuard, type RestoreGuard } from './restore-guard';
import { saveRootsOf } from './save-roots';
import { savesLayout } from './saves-layout';

export interface SavesHandlerDeps extends ArchivePlaces {
  saves: GameSaves;
  store: Pick<SessionStore, 'list'>;
  /** Shared with the launches (core.ts): a launch during a restore of its game fails, and the reverse is refused. */
  restores?: RestoreGuard;
  /** Told saves.changed after a restore or an import. */
  emit?: EventBus['emit'];
  /** The game's Wine prefix as its settings name it (a volume name or a host folder), if any. */
  winePrefixOf?(gameId: string): Promise<string | undefined>;
  /** The user games run as: a restore makes a missing saves folder (a fresh data dir) theirs. */
  gameUser?: Owner;
  /** The game's title for messages (its id when it is not in the library). */
  titleOf?(gameId: string): string;
}

type SavesMethods = 'saves.list' | 'saves.diff' | 'saves.restore' | 'saves.export' | 'saves.import';

export function savesHandlers(deps: SavesHandlerDeps): Pick<Handlers, SavesMethods> {
  const roots = async (gameId: string): Promise<SaveRoot[]> => saveRootsOf(savesLayout(deps.dataDir, gameId), await deps.winePrefixOf?.(gameId), deps.gameUser);
  const restores = deps.restores ?? restoreGuard();
  return {
    'saves.list': ({ gameId }) => engine(() => deps.saves.list(gameId)),
    'saves.diff': ({ gameId, snapshotId }) => engine(async () => deps.saves.diff(gameId, snapshotId, await roots(gameId))),
    'saves.restore': async ({ gameId, snapshotId }) => {
      const done = restores.begin(gameId); // before the check: a launch recorded after it fails at its home
      try {
        const live = deps.store.list({ gameId, status: [...LIVE_STATUSES] });
        if (live.length > 0) {
          const title = deps.titleOf?.(gameId) ?? gameId;
          throw new ContractError('conflict', `${title} is running (session ${live[0]?.sessionId}): stop it first, then restore its saves.`);
        }
        const result = await engine(async () => deps.saves.restore(gameId, snapshotId, await roots(gameId)));
        deps.emit?.('saves.changed', { gameId, snapshotId: result.undoSnapshotId ?? undefined });
        return result;
      } finally {
        done();
      }
    },
    'saves.export': async ({ gameId, snapshotId, path }) => {
      const target = await exportTarget(deps, path);
      const { bytes } = await engine(() => deps.saves.export(gameId, snapshotId, target));
      return { path: target, bytes };
    },
    'saves.import': async ({ gameId, path }) => {
      const snapshot = await engine(async () => deps.saves.import(gameId, await importSource(deps, path)));
      deps.emit?.('saves.changed', { gameId, snapshotId: snapshot.id });
      return snapshot;
    },
  };
}

const CODES: Record<SavesError['code'], ContractError['code']> = {
  busy: 'conflict',
  not_found: 'not_found',
  invalid_archive: 'invalid_payload',
  too_big: 'invalid_payload',
  no_space: 'internal',
  io: 'internal',
};

async function engine<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SavesError) throw new ContractError(CODES[error.code], error.message);
    throw error;
  }
}
