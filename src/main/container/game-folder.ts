// The one host folder a game's container sees, read-only, at /library/<folder>: the game's own,
// never the whole library. Judged by its real path, so a symlink in the library cannot hand a game
// a folder outside it.
import { realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { LibraryGame } from '../../shared/library/manifest';

export class GameFolderError extends Error {
  override name = 'GameFolderError';
}

/**
 * The real path of the game's folder: inside the library folder, or the game's `location` (a
 * folder outside the library, judged like any mount by validation). Throws, saying what to do,
 * when it is missing, not a folder, or leads out of the library.
 */
export function gameFolderOf(libraryDir: string, game: Pick<LibraryGame, 'folder' | 'location' | 'title'>): string {
  const folder = game.location ?? join(libraryDir, game.folder);
  const real = realOrThrow(folder, game.title);
  if (!statSync(real).isDirectory()) throw new GameFolderError(`${folder} is not a folder: fix ${game.title}'s entry in the library.`);
  if (game.location !== undefined) return real;
  const library = realOrThrow(libraryDir, game.title);
  if (!real.startsWith(library.endsWith(sep) ? library : `${library}${sep}`)) {
    throw new GameFolderError(
      `${game.title}'s folder ${folder} leads to ${real}, outside the library folder ${library}, so it is not given to the game. ` +
        'Move the game into the library, or add it as a game that stays where it is.',
    );
  }
  return real;
}

/** Where the game's folder is, for the preview: the same place, not yet judged. */
export function gameFolderShown(libraryDir: string, game: Pick<LibraryGame, 'folder' | 'location'>): string {
  return game.location ?? join(libraryDir, game.folder);
}

function realOrThrow(path: string, title: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    throw new GameFolderError(`${title}'s folder ${path} is not there (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): refresh the library, or reconnect the drive it is on.`, { cause: error });
  }
}
