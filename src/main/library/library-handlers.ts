// The contract's library.* and games.settings.* methods: adding, editing and removing games, covers,
// play time, and each game's saved launch settings. The core (core.ts) hands in what they share.
import type { LaunchRequestDraft } from '../../shared/contract/contract';
import { ContractError } from '../../shared/contract/envelope';
import { LIVE_STATUSES } from '../../shared/model/session-states';
import type { LibraryGame, LibrarySnapshot } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { checkHostPath } from '../../shared/validation/host-paths';
import type { Handlers } from '../transport/dispatcher';
import { GameSettingsStore, defaultGameSettings } from '../game-settings/saved-game-settings';
import type { CheckLaunch } from '../sessions/launch-check';
import type { SessionStore } from '../session-store/session-store';
import { readCover } from './cover-image';
import { addGame, removeGame, updateGame } from './library-editor';
import { playStats } from './play-stats';

export interface LibraryHandlerDeps {
  dataDir: string;
  libraryDir: string;
  /** The snapshot the watcher keeps. */
  library(): LibrarySnapshot;
  /** Reads the folder again now (and announces a change). */
  reloadLibrary(): LibrarySnapshot;
  hostFacts(paths: readonly string[]): Promise<HostFacts>;
  /** The one launch check (sessions/launch-check.ts): saved settings are what a launch accepts. */
  checkLaunch: CheckLaunch;
  /** Who plays (the account the app runs as): saved settings are checked as that player's. */
  userId: string;
  store: Pick<SessionStore, 'list'>;
  warn(message: string): void;
}

type LibraryMethods =
  | 'library.list' | 'library.add' | 'library.update' | 'library.remove' | 'library.cover' | 'library.stats'
  | 'games.settings.get' | 'games.settings.save' | 'games.settings.reset';

export function libraryHandlers(deps: LibraryHandlerDeps): Pick<Handlers, LibraryMethods> {
  const { libraryDir, reloadLibrary, hostFacts } = deps;
  const gameSettings = new GameSettingsStore(deps.dataDir, deps.warn);
  const gameOf = (gameId: string): LibraryGame => {
    // The watcher keeps the snapshot fresh; read the folder again only for a game it does not know yet.
    const game = deps.library().games.find((g) => g.id === gameId) ?? reloadLibrary().games.find((g) => g.id === gameId);
    if (!game) throw new ContractError('not_found', `There is no game ${gameId} in the library: it may have been removed. Refresh the library.`);
    return game;
  };

  return {
    'library.list': () => reloadLibrary(),
    'library.add': async (input) => {
      const id = await addGame(libraryDir, reloadLibrary(), input, async (path) => {
        const verdict = checkHostPath(path, await hostFacts([path]), 'The game folder');
        return verdict.ok ? undefined : verdict.message;
      });
      reloadLibrary(); // now, not when the watcher gets to it: the next call must see the change
      return gameOf(id);
    },
    'library.update': async (change) => {
      await updateGame(libraryDir, reloadLibrary(), change);
      reloadLibrary();
      return gameOf(change.gameId);
    },
    'library.remove': ({ gameId, deleteFiles }) => {
      if (deps.store.list({ gameId, status: [...LIVE_STATUSES] }).length > 0) {
        throw new ContractError('conflict', `${gameOf(gameId).title} is running: stop it before removing it from the library.`);
      }
      const removed = removeGame(libraryDir, reloadLibrary(), gameId, deleteFiles);
      reloadLibrary();
      return removed;
    },
    'library.cover': async ({ gameId }) => ({ dataUrl: await readCover(libraryDir, gameOf(gameId)) }),
    'library.stats': () => playStats(deps.store.list()),
    'games.settings.get': async ({ gameId }) => {
      const game = gameOf(gameId);
      const saved = gameSettings.read(gameId);
      return saved && game.platforms.some((p) => p.platform === saved.platform) ? saved : defaultGameSettings(game, await hostFacts([]), saved?.platform);
    },
    'games.settings.save': async ({ gameId, platform, launchConfig }) => {
      const verdict = await deps.checkLaunch({ gameId, userId: deps.userId, platform, launchConfig: launchConfig as LaunchRequestDraft['launchConfig'] });
      if (!verdict.ok) {
        const { problems } = verdict;
        throw new ContractError('invalid_payload', `The settings were not saved: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`, problems);
      }
      return gameSettings.save(gameId, verdict.request.platform, verdict.request.launchConfig);
    },
    'games.settings.reset': async ({ gameId }) => {
      const game = gameOf(gameId);
      gameSettings.reset(gameId);
      return defaultGameSettings(game, await hostFacts([]));
    },
  };
}
