// Test helpers: plant a tree of saves (files with modes and mtimes, folders, links) and read a
// tree back as comparable lines (path, type, mode, content hash or link target, mtime); a game's
// saves opened on a fresh data dir with its two roots (home, the prefix's drive_c/users).
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openGameSaves, type GameSaves, type SaveRoot } from '../saves/game-saves';

/** A game's saves on `dataDir`, with its home made and a Wine prefix's user folders beside it. */
export async function savesWithRoots(dataDir: string, gameId: string): Promise<{ saves: GameSaves; home: string; wineUsers: string; roots: SaveRoot[] }> {
  const saves = openGameSaves({ dataDir });
  const home = await saves.ensureHome(gameId);
  const wineUsers = join(dataDir, 'prefix', 'drive_c', 'users');
  return { saves, home, wineUsers, roots: [{ name: 'home', path: home }, { name: 'wine-users', path: wineUsers }] };
}

export type TreeSpec = Record<string, string | { content: string; mode?: number; mtime?: number } | { link: string } | { dir: true; mode?: number }>;

export function plantTree(root: string, spec: TreeSpec): void {
  mkdirSync(root, { recursive: true });
  for (const [path, what] of Object.entries(spec)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof what === 'string') writeFileSync(full, what);
    else if ('link' in what) symlinkSync(what.link, full);
    else if ('dir' in what) {
      mkdirSync(full, { recursive: true });
      if (what.mode !== undefined) chmodSync(full, what.mode);
    } else {
      writeFileSync(full, what.content);
      if (what.mode !== undefined) chmodSync(full, what.mode);
      if (what.mtime !== undefined) utimesSync(full, what.mtime / 1000, what.mtime / 1000);
    }
  }
}

/** Every entry under `root`, one comparable line each, sorted; [] when `root` does not exist. */
export function readTree(root: string, withTimes = true): string[] {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names
    .map((name) => {
      const full = join(root, name);
      const info = lstatSync(full);
      const mode = (info.mode & 0o7777).toString(8);
      const time = withTimes && !info.isDirectory() ? ` ${Math.round(info.mtimeMs)}` : '';
      if (info.isSymbolicLink()) return `${name} -> ${readlinkSync(full)}${time}`;
      if (info.isDirectory()) return `${name}/ ${mode}`;
      return `${name} ${mode} ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 12)}${time}`;
    })
    .sort();
}

/** Files under a folder, recursively (the objects of a store, for example). */
export function countFiles(dir: string): number {
  try {
    return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean }[]).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}
