// A host folder given as a game's Wine prefix. The app never changes the owner of files it did not
// create: a folder that is not empty and belongs to someone other than the game's uid is refused,
// rather than handed over (the entrypoint would need `chown -R` as root on the host's files).
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
  if (owner === user.uid || empty) return undefined;
  const who = owner === 0 ? 'root (uid 0)' : `uid ${owner}`;
  return `The Wine prefix folder ${folder} is not empty and belongs to ${who}, not to the player (uid ${user.uid}), and Dillinger does not change the owner of files it did not create: choose an empty folder or a named volume as the Wine prefix, or give this folder to the player first (sudo chown -R ${user.uid}:${user.gid} ${folder}).`;
}
