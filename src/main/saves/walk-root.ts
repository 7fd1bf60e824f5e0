// Lists a root's tree without following links: files, folders and symlinks (recorded as links,
// never followed out of the root); sockets, fifos and devices are skipped and counted. Bounded in
// files and depth, so a runaway tree fails with a clear message instead of exhausting memory.
import type { Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SavesError } from './saves-errors';

export interface WalkLimits {
  maxFiles: number;
  maxDepth: number;
}
export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 200_000, maxDepth: 64 };

export interface WalkedEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  stats: Stats;
  target?: string;
}

export interface WalkedRoot {
  present: boolean;
  /** Parents before children, sorted by path within a folder. */
  entries: WalkedEntry[];
  skipped: number;
}

export async function walkRoot(rootPath: string, rootName: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<WalkedRoot> {
  let rootStats: Stats;
  try {
    rootStats = await lstat(rootPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { present: false, entries: [], skipped: 0 };
    throw error;
  }
  if (!rootStats.isDirectory()) return { present: false, entries: [], skipped: 0 };
  const entries: WalkedEntry[] = [];
  let skipped = 0;
  const visit = async (relative: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) {
      throw new SavesError('too_big', `The ${rootName} folder is nested deeper than ${limits.maxDepth} levels at ${relative}: it cannot be snapshotted.`);
    }
    const names = (await readdir(relative === '' ? rootPath : join(rootPath, relative))).sort();
    const children = names.map((name) => (relative === '' ? name : `${relative}/${name}`));
    const stats = await Promise.all(children.map((child) => lstat(join(rootPath, child))));
    const folders: string[] = [];
    for (const [index, child] of children.entries()) {
      const info = stats[index] as Stats;
      if (entries.length >= limits.maxFiles) {
        throw new SavesError('too_big', `The ${rootName} folder holds more than ${limits.maxFiles} entries: it cannot be snapshotted.`);
      }
      if (info.isFile()) entries.push({ path: child, type: 'file', stats: info });
      else if (info.isDirectory()) {
        entries.push({ path: child, type: 'dir', stats: info });
        folders.push(child);
      } else if (info.isSymbolicLink()) {
        entries.push({ path: child, type: 'symlink', stats: info, target: await readlink(join(rootPath, child)) });
      } else skipped += 1;
    }
    for (const folder of folders) await visit(folder, depth + 1);
  };
  await visit('', 1);
  return { present: true, entries, skipped };
}
