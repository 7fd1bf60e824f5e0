// A game's persistent home: `<dataDir>/saves/<gameId>/home/`, bind-mounted as HOME into every
// session of the game. A plain folder rather than a Docker volume because the app must read it
// directly and fast to snapshot it (a volume's files are reachable only as root or through a
// container), and restore swaps it with renames. 0700; when the app runs as root for a game user
// with another uid, the home (only what this call just created) is handed to that user.
import { chown, mkdir } from 'node:fs/promises';
import type { Owner } from './build-tree';
import type { SavesLayout } from './saves-layout';

export async function ensureHomeFolder(layout: SavesLayout, gameUser?: Owner): Promise<string> {
  await mkdir(layout.gameDir, { recursive: true, mode: 0o700 });
  let created = true;
  try {
    await mkdir(layout.homeDir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  if (created && gameUser && process.getuid?.() === 0 && gameUser.uid !== 0) await chown(layout.homeDir, gameUser.uid, gameUser.gid);
  return layout.homeDir;
}
