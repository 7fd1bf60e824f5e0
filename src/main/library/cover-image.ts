// A game's cover, for the library grid: read from its folder and handed over as a data: URL, so the
// window needs no file access and the same call works over IPC and WebSocket.
import { open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { LibraryGame } from '../../shared/library/manifest';

export const MAX_COVER_BYTES = 4 * 1024 * 1024;

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/** Null when the game has no cover, it is not an image type we show, or it is too large (the placeholder shows instead). */
export async function readCover(libraryDir: string, game: LibraryGame): Promise<string | null> {
  if (!game.cover) return null;
  const type = TYPES[extname(game.cover).toLowerCase()];
  if (!type) return null;
  const path = join(game.location ?? join(libraryDir, game.folder), game.cover);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    if (!(size > 0 && size <= MAX_COVER_BYTES)) return null;
    const bytes = await handle.readFile();
    return `data:${type};base64,${bytes.toString('base64')}`;
  } finally {
    await handle.close();
  }
}
