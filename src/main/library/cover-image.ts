// A game's cover, for the library grid: read from its folder and handed over as a data: URL, so the
// window needs no file access and the same call works over IPC and WebSocket.
import { open, realpath } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { LibraryGame } from '../../shared/library/manifest';

export const MAX_COVER_BYTES = 4 * 1024 * 1024;

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/** Null when the game has no cover, it is not an image we show (by name and by content), lies outside the game's folder, or is too large (the placeholder shows instead). */
export async function readCover(libraryDir: string, game: LibraryGame): Promise<string | null> {
  if (!game.cover) return null;
  if (!TYPES[extname(game.cover).toLowerCase()]) return null;
  const folder = game.location ?? join(libraryDir, game.folder);
  let handle;
  try {
    // Only a file really inside the game's folder: a cover.png linking to ~/.ssh/id_rsa is not shown.
    const [realFolder, realCover] = await Promise.all([realpath(folder), realpath(join(folder, game.cover))]);
    if (!realCover.startsWith(`${realFolder}/`)) return null;
    handle = await open(realCover, 'r');
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    if (!(size > 0 && size <= MAX_COVER_BYTES)) return null;
    const bytes = await handle.readFile();
    const sniffed = imageTypeOf(bytes);
    return sniffed ? `data:${sniffed};base64,${bytes.toString('base64')}` : null;
  } finally {
    await handle.close();
  }
}

/** The image type its first bytes say, whatever the file is called; undefined for anything else. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}
