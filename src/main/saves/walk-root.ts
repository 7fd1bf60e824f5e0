// Lists a root's tree without following links: files, folders and symlinks (recorded as links,
// never followed out of the root); sockets, fifos and devices are skipped and counted. Bounded in
// files and depth, so a runaway tree fails with a clear message instead of exhausting memory.
// Folders are read concurrently (the walk is most of a snapshot's cost when little changed); the
// result is in a fixed order all the same: depth first, parents before children, names sorted.
import { lstatSync, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SavesError } from './saves-errors';

export interface WalkLimits {
  maxFiles: number;
  maxDepth: number;
}
export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 200_000, maxDepth: 64 };
const LSTAT_BATCH = 256;

export interface WalkedEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  stats: Stats;
  target?: string;
}

export interface WalkedRoot {
  present: boolean;
  entries: WalkedEntry[];
  skipped: number;
}

/** `onFile` sees each file as soon as it is found (in no set order), before the walk ends. */
export async function walkRoot(rootPath: string, rootName: string, limits: WalkLimits = DEFAULT_WALK_LIMITS, onFile?: (file: WalkedEntry) => void): Promise<WalkedRoot> {
  let rootStats: Stats;
  try {
    rootStats = await lstat(rootPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { present: false, entries: [], skipped: 0 };
    throw error;
  }
  if (!rootStats.isDirectory()) return { present: false, entries: [], skipped: 0 };
  let count = 0;
  let skipped = 0;
  const visit = async (relative: string, depth: number): Promise<WalkedEntry[]> => {
    if (depth > limits.maxDepth) {
      throw new SavesError('too_big', `The ${rootName} folder is nested deeper than ${limits.maxDepth} levels at ${relative}: it cannot be snapshotted.`);
    }
    const names = (await readdir(relative === '' ? rootPath : join(rootPath, relative))).sort();
    count += names.length;
    if (count > limits.maxFiles) {
      throw new SavesError('too_big', `The ${rootName} folder holds more than ${limits.maxFiles} entries: it cannot be snapshotted.`);
    }
    const children = names.map((name) => (relative === '' ? name : `${relative}/${name}`));
    // lstat of cached inodes takes microseconds: a synchronous batch beats a thread-pool round trip
    // per entry, and yielding between batches keeps a huge folder from holding up the event loop.
    const stats: Stats[] = [];
    for (let start = 0; start < children.length; start += LSTAT_BATCH) {
      for (const child of children.slice(start, start + LSTAT_BATCH)) stats.push(lstatSync(join(rootPath, child)));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const here: WalkedEntry[] = [];
    for (const [index, child] of children.entries()) {
      const info = stats[index] as Stats;
      if (info.isFile()) {
        const file: WalkedEntry = { path: child, type: 'file', stats: info };
        here.push(file);
        onFile?.(file);
      }
      else if (info.isDirectory()) here.push({ path: child, type: 'dir', stats: info });
      else if (info.isSymbolicLink()) here.push({ path: child, type: 'symlink', stats: info, target: await readlink(join(rootPath, child)) });
      else skipped += 1;
    }
    const subtrees = await Promise.all(here.map((entry) => (entry.type === 'dir' ? visit(entry.path, depth + 1) : [])));
    return here.flatMap((entry, index) => [entry, ...(subtrees[index] ?? [])]);
  };
  const entries = await visit('', 1);
  return { present: true, entries, skipped };
}
