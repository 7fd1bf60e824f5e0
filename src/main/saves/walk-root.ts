// Lists a root's tree without following links: files, folders and symlinks (recorded as links,
// never followed out of the root); sockets, fifos and devices are skipped and counted. Bounded in
// files and depth, so a runaway tree fails with a clear message instead of exhausting memory.
// The result is in a fixed order: depth first, parents before children, names sorted.
//
// Synchronous calls, in batches: the walk is most of a snapshot's cost when little changed, and
// readdir/lstat/readlink of cached inodes take microseconds, so a thread-pool round trip per call
// (and per folder) cost twice the calls themselves, and queued behind the stores' fsyncs. The walk
// yields to the event loop every LSTAT_BATCH calls, so the stores it starts keep moving and a huge
// tree does not hold up the process.
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
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

/** `onFile` sees each file as soon as it is found (in walk order), before the walk ends. */
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
  let calls = 0;
  const entries: WalkedEntry[] = [];
  // rootPath is absolute and each name a plain one (no `/`, never `.` or `..`): a concatenation is
  // the joined path, without join's normalising pass per entry.
  const full = (relative: string) => (relative === '' ? rootPath : `${rootPath}/${relative}`);
  /** True when this call ends a batch: the caller then yields (an await only then, not per entry). */
  const batchDone = () => (calls += 1) % LSTAT_BATCH === 0;
  const visit = async (relative: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) {
      throw new SavesError('too_big', `The ${rootName} folder is nested deeper than ${limits.maxDepth} levels at ${relative}: it cannot be snapshotted.`);
    }
    const names = readdirSync(full(relative)).sort();
    if (batchDone()) await yieldToEventLoop();
    count += names.length;
    if (count > limits.maxFiles) {
      throw new SavesError('too_big', `The ${rootName} folder holds more than ${limits.maxFiles} entries: it cannot be snapshotted.`);
    }
    for (const name of names) {
      const child = relative === '' ? name : `${relative}/${name}`;
      const info = lstatSync(full(child));
      if (batchDone()) await yieldToEventLoop();
      if (info.isFile()) {
        const file: WalkedEntry = { path: child, type: 'file', stats: info };
        entries.push(file);
        onFile?.(file);
      } else if (info.isDirectory()) {
        entries.push({ path: child, type: 'dir', stats: info });
        await visit(child, depth + 1);
      } else if (info.isSymbolicLink()) entries.push({ path: child, type: 'symlink', stats: info, target: readlinkSync(full(child)) });
      else skipped += 1;
    }
  };
  await visit('', 1);
  return { present: true, entries, skipped };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
