// The Windows launch's own refusals, made before a container exists: a program this runner's Wine
// cannot start, or a host folder as the prefix that is not the player's to hand over.
import { join } from 'node:path';
import type { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { GameUser } from './game-user';
import { PrepareFailure } from './prepare-failure';
import { winePrefixFolderProblem } from './wine-prefix-folder';
import { windowsProgramProblem } from './windows-program';

/**
 * Throws, saying why and what to do, when a Windows launch cannot go ahead. `wineArches`: what the
 * runner image's Wine starts (its label); undefined when the image does not say (the entrypoint judges).
 */
export function refuseWhatWineCannotStart(request: GameLaunchRequest, game: LibraryGame, gameFolder: string, wineArches: readonly string[] | undefined, user: GameUser): void {
  if (request.platform !== 'windows') return;
  const launch = game.platforms.find((p) => p.platform === 'windows');
  const program = launch ? windowsProgramProblem(join(gameFolder, launch.executable), wineArches ?? ['win64', 'win32']) : undefined;
  if (program) throw new PrepareFailure('not-startable', `${program}.`);
  const prefix = request.launchConfig.winePrefix;
  const folder = prefix?.startsWith('/') ? winePrefixFolderProblem(prefix, user) : undefined;
  if (folder) throw new PrepareFailure('prepare', folder);
}
