// A game's persistent folders: its home, `<dataDir>/saves/<gameId>/home/`, bind-mounted as HOME into
// every session of the game, and a Windows game's prefix user folders, `.../prefix-users/`, bound
// over its prefix volume's drive_c/users (save-roots.ts). Plain folders rather than Docker volumes
// because the app must read them directly and fast to snapshot them (a volume's files are reachable
// only as root or through a container), and restore swaps them with renames. 0700; when the app
// runs as root for a game user with another uid, a folder (only one this call just created) is
// handed to that user.
import { chown, mkdir } from 'node:fs/promises';
import type { Owner } from './build-tree';
import type { SavesLayout } from './saves-layout';

export function ensureHomeFolder(layout: SavesLayout, gameUser?: Owner): Promise<string> {
  return ensureGameFolder(layout, layout.homeDir, gameUser);
}

export function ensurePrefixUsersFolder(layout: SavesLayout, gameUser?: Owner): Promise<string> {
  return ensureGameFolder(layout, layout.prefixUsersDir, gameUser);
}

async function ensureGameFolder(layout: SavesLayout, dir: string, gameUser?: Owner): Promise<string> {
  await mkdir(layout.gameDir, { recursive: true, mode: 0o700 });
  let created = true;
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  if (created && gameUser && process.getuid?.() === 0 && gameUser.uid !== 0) await chown(dir, gameUser.uid, gameUser.gid);
  return dir;
}
