// The contract's launch.* methods: a request's problems (launch.validate) and the container it would
// get (launch.preview), both from the one launch check, so they agree with what a launch refuses.
import type { Handlers } from '../transport/dispatcher';
import { gameFolderShown } from '../container/game-folder';
import { gameUser } from '../container/game-user';
import { previewContainer } from '../container/launch-preview';
import { launchFolderPaths } from '../saves/save-roots';
import { savesLayout } from '../saves/saves-layout';
import type { CheckLaunch } from './launch-check';

export interface LaunchHandlerDeps {
  checkLaunch: CheckLaunch;
  /** The runner image a launch uses when the game names none of its own. */
  image: string;
  libraryDir: string;
  /** Where the game's saves folders are (saves/save-roots.ts), bound into its container as the launch binds them. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export function launchHandlers({ checkLaunch, image, libraryDir, dataDir, env }: LaunchHandlerDeps): Pick<Handlers, 'launch.validate' | 'launch.preview'> {
  return {
    'launch.validate': async ({ request }) => {
      const verdict = await checkLaunch(request);
      return { ok: verdict.ok, problems: verdict.ok ? [] : verdict.problems };
    },
    'launch.preview': async ({ request }) => {
      const verdict = await checkLaunch(request);
      if (!verdict.ok) return { ok: false, problems: verdict.problems };
      const { game, facts } = verdict;
      // The game's own runner image when it names one (checkLaunch has judged it usable).
      const folders = launchFolderPaths(savesLayout(dataDir, game.id), verdict.request);
      const container = previewContainer({
        request: verdict.request, game, facts, image: verdict.request.launchConfig.runnerImage ?? image, gameFolder: gameFolderShown(libraryDir, game), user: gameUser(), env,
        homeFolder: folders.home, ...(folders.prefixUsers ? { prefixUsersFolder: folders.prefixUsers } : {}),
      });
      return { ok: true, problems: [], container };
    },
  };
}
