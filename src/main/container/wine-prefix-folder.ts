// A host folder given as a game's Wine prefix. The app never changes the owner of files it did not
// create: an existing folder that belongs to someone other than the game's uid is refused, empty or
// not, rather than handed over (a folder that is not there yet is made by the app, for the player).
import { readdirSync, statSync } from 'node:fs';
import type { GameUser } from './game-user';

/** Why the folder cannot be the game's prefix, in words that say what to do; undefined when it can. */
export function winePrefixFolderProblem(folder: string, user: GameUser): string | undefined {
  let owner: number;
  let empty: boolean;
  try {
    owner = statSync(folder).uid;
    empty = readdirSync(folder).length === 0;
  } catch {
    return undefined; // missing (the app makes it) or unreadable here: the runner judges it
  }
  if (owner === user.uid) return undefined;
  const who = owner === 0 ? 'root (uid 0)' : `uid ${owner}`;
  return `The Wine prefix folder ${folder} ${empty ? 'is empty but' : 'is not empty and'} belongs to ${who}, not to the player (uid ${user.uid}), and Dillinger does not change the owner of files it did not create: choose a folder that does not exist yet (the app makes it for the player) or a named volume as the Wine prefix, or give this folder to the player first (sudo chown -R ${user.uid}:${user.gid} ${folder}).`;
}
