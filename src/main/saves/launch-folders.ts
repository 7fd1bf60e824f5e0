// What a launch gets from the saves: the game's persistent folders, made for the player on first Play
// (its home; a Windows game's prefix user folders when its prefix is the app's volume: save-roots.ts),
// and, before anything but the game itself changes the prefix (an installer, a tool, winetricks
// verbs), a snapshot of the saves as they are, so that what it does can be undone. A snapshot that
// cannot be taken stops the launch, saying what to do: the program never runs unprotected. With
// nothing changed since the last snapshot, that costs a walk and stores nothing.
import type { GameLaunchRequest } from '../../shared/model/entities';
import { messageOf } from '../../shared/errors';
import type { Owner } from './build-tree';
import type { GameSaves, SnapshotOutcome, SnapshotReason } from './game-saves';
import type { RestoreGuard } from './restore-guard';
import { launchFolderPaths, saveRootsOf, type LaunchFolders } from './save-roots';
import { savesLayout } from './saves-layout';

export interface LaunchFoldersDeps {
  dataDir: string;
  saves: GameSaves;
  /** A launch during a restore of its game's saves fails (restore-guard.ts). */
  restores: RestoreGuard;
  /** Told each snapshot taken before a launch (saves.changed). */
  onSnapshot?: (gameId: string, outcome: SnapshotOutcome) => void;
}

export function launchFolders(deps: LaunchFoldersDeps): (request: GameLaunchRequest, user: Owner) => Promise<LaunchFolders> {
  return async (request, user) => {
    const { gameId } = request;
    deps.restores.refuseLaunch(gameId); // a restore of its saves is swapping these folders right now
    const layout = savesLayout(deps.dataDir, gameId);
    const folders = launchFolderPaths(layout, request);
    await deps.saves.ensureHome(gameId, user);
    if (folders.prefixUsers) await deps.saves.ensurePrefixUsers(gameId, user);
    const before = reasonBefore(request);
    if (before) {
      try {
        const prefix = request.platform === 'windows' ? request.launchConfig.winePrefix : undefined;
        const outcome = await deps.saves.snapshot(gameId, saveRootsOf(layout, prefix), { kind: before, sessionId: request.sessionId });
        deps.onSnapshot?.(gameId, outcome);
      } catch (error) {
        const what = before === 'before-winetricks' ? 'the winetricks verbs run' : before === 'before-install' ? 'the installer runs' : 'the tool runs';
        throw new Error(`the saves could not be snapshotted before ${what}, so nothing was started: ${messageOf(error)}`, { cause: error });
      }
    }
    return folders;
  };
}

/** Why a launch is snapshotted before it starts: it runs an installer or a tool, or the game's settings name winetricks verbs. */
export function reasonBefore(request: GameLaunchRequest): SnapshotReason['kind'] | undefined {
  if (request.program) return request.program.kind === 'install' ? 'before-install' : 'before-tool';
  if (request.platform === 'windows' && (request.launchConfig.wine?.winetricks?.length ?? 0) > 0) return 'before-winetricks';
  return undefined;
}
