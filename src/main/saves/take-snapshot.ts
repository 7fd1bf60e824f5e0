// Takes one snapshot of a game's roots. The cost follows what changed: a file whose size, mtime,
// inode and ctime match the previous snapshot's entry is not read again (its hash is reused); a
// new or changed file is read once, hashed and stored once. Nothing is written when nothing
// changed, and a game that never had a file gets no objects folder at all. Order of writes: a
// pending marker, the objects, then the manifest, atomically, last; a crash before that leaves
// only unreferenced objects and the marker, which recover() reports.
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  latestManifest,
  newSnapshotId,
  writeManifest,
  type FileEntry,
  type Manifest,
  type ManifestEntry,
  type ManifestRoot,
  type SnapshotReason,
} from './manifest';
import type { Owner } from './build-tree';
import { countChanged, sameTrees } from './manifest-compare';
import { objectWriter, type ObjectWriter } from './object-store';
import { pausePoint } from './pause-point';
import { toSavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';
import { storeQueue, type StoreQueue } from './store-queue';
import { DEFAULT_WALK_LIMITS, walkRoot, type WalkLimits, type WalkedEntry } from './walk-root';

export interface SaveRoot {
  name: string;
  path: string;
  /** Who a restore makes the root's files for when the root does not exist yet (the game's user); else its current owner. */
  owner?: Owner;
}

export interface SnapshotOptions {
  now?: Date;
  limits?: WalkLimits;
}

interface Counters {
  skipped: number;
  bytesRead: number;
}
export type SnapshotResult =
  | ({ status: 'created'; snapshotId: string; manifest: Manifest } & Counters)
  | ({ status: 'unchanged'; snapshotId: string | null } & Counters);

export async function takeSnapshot(layout: SavesLayout, roots: SaveRoot[], reason: SnapshotReason, options: SnapshotOptions = {}): Promise<SnapshotResult> {
  const now = options.now ?? new Date();
  const writer = objectWriter(layout);
  let pending = false;
  const queues: StoreQueue<StoredFile>[] = [];
  try {
    const previous = await latestManifest(layout);
    const previousRoots = new Map(previous?.roots.map((root) => [root.name, root]) ?? []);
    const manifestRoots: ManifestRoot[] = [];
    let skipped = 0;
    for (const root of roots) {
      const before = new Map<string, FileEntry>();
      for (const entry of previousRoots.get(root.name)?.entries ?? []) if (entry.type === 'file') before.set(entry.path, entry);
      const stores = storeQueue<StoredFile>(STORE_CONCURRENCY);
      queues.push(stores);
      const walked = await walkRoot(root.path, root.name, options.limits ?? DEFAULT_WALK_LIMITS, (file) => {
        if (reusable(before.get(file.path), file)) return;
        if (!pending) {
          // Not fsynced: it only names a snapshot a crash interrupted, and a power cut that loses it
          // loses nothing else (the objects it would report are unreferenced; gc() still finds them).
          // Synchronous: a few bytes, and the thread pool is busy with the files to store.
          writeFileSync(layout.pendingSnapshotFile, JSON.stringify({ startedAt: now.toISOString(), pid: process.pid }), { mode: 0o600 });
          pending = true;
        }
        // By inode: hard links are read once and share the hash.
        stores.add(inodeOf(file), async () => {
          const stored = await writer.storeFile(join(root.path, file.path));
          await pausePoint('snapshot:object-stored');
          return stored;
        });
      });
      skipped += walked.skipped;
      const entries: ManifestEntry[] = [];
      for (const walkedEntry of walked.entries) {
        const known = walkedEntry.type === 'file' ? reusable(before.get(walkedEntry.path), walkedEntry) : plainEntry(walkedEntry);
        if (known) entries.push(known);
        else {
          const stored = await stores.result(inodeOf(walkedEntry));
          // The size read, not the size stat'ed: a file written meanwhile still matches its content.
          entries.push({ ...fileEntry(walkedEntry.path, stored.stats, stored.sha256), size: stored.size });
        }
      }
      manifestRoots.push({ name: root.name, path: root.path, present: walked.present, entries });
    }
    const counters = { skipped, bytesRead: writer.bytesRead };
    const nothingEver = !previous && manifestRoots.every((root) => root.entries.length === 0);
    // Content that was new to the store is a change: no need to compare the trees then.
    if (nothingEver || (previous && writer.added.length === 0 && sameTrees(previous.roots, manifestRoots))) {
      await finishPending();
      return { status: 'unchanged', snapshotId: previous?.id ?? null, ...counters };
    }
    const files = manifestRoots.flatMap((root) => root.entries.filter((entry): entry is FileEntry => entry.type === 'file'));
    const bytesAdded = writer.added.length === 0 ? 0 : sumAdded(files, new Set(writer.added));
    const manifest: Manifest = {
      version: 1,
      id: newSnapshotId(now),
      gameId: layout.gameId,
      createdAt: now.toISOString(),
      reason,
      roots: manifestRoots,
      totals: { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0), filesChanged: countChanged(previous?.roots ?? [], manifestRoots), bytesAdded },
    };
    await pausePoint('snapshot:before-manifest');
    await writeManifest(layout, manifest, writer.flush());
    await finishPending();
    return { status: 'created', snapshotId: manifest.id, manifest, ...counters };
  } catch (error) {
    await Promise.all(queues.map((queue) => queue.settled()));
    // Take back what this snapshot added: no manifest refers to it, and a full disk needs the room.
    await Promise.all(writer.added.map((sha) => rm(layout.objectPath(sha), { force: true }))).catch(() => undefined);
    await finishPending().catch(() => undefined);
    throw toSavesError(error, layout.dataDir, `take a snapshot of ${layout.gameId}`);
  }

  async function finishPending(): Promise<void> {
    if (pending) await rm(layout.pendingSnapshotFile, { force: true });
    pending = false;
  }
}

/** Files stored at once: each one's fsync (in the thread pool) overlaps the others' reads, writes and hashes. */
const STORE_CONCURRENCY = 8;

type StoredFile = Awaited<ReturnType<ObjectWriter['storeFile']>>;

function inodeOf(entry: WalkedEntry): string {
  return `${entry.stats.dev}:${entry.stats.ino}`;
}

function plainEntry(walked: WalkedEntry): ManifestEntry {
  const common = { path: walked.path, mode: walked.stats.mode & 0o7777, mtimeMs: walked.stats.mtimeMs };
  return walked.type === 'symlink' ? { type: 'symlink', ...common, target: walked.target ?? '' } : { type: 'dir', ...common };
}

function fileEntry(path: string, stats: WalkedEntry['stats'], sha256: string): FileEntry {
  return { type: 'file', path, mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs, size: stats.size, sha256, ino: stats.ino, ctimeMs: stats.ctimeMs };
}

/** The previous entry's hash, when the file is, by every cheap sign, the one hashed then. */
function reusable(previous: FileEntry | undefined, walked: WalkedEntry): FileEntry | undefined {
  const s = walked.stats;
  if (!previous || previous.size !== s.size || previous.mtimeMs !== s.mtimeMs || previous.ino !== s.ino || previous.ctimeMs !== s.ctimeMs) return undefined;
  // Equal in every field: the previous entry itself, whose JSON text is kept (manifest-json.ts).
  if (previous.mode === (s.mode & 0o7777) && previous.path === walked.path) return previous;
  return fileEntry(walked.path, s, previous.sha256);
}

function sumAdded(files: FileEntry[], added: Set<string>): number {
  let bytes = 0;
  for (const file of files) {
    if (added.delete(file.sha256)) bytes += file.size;
  }
  return bytes;
}
