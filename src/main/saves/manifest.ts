// A snapshot's manifest: what each root held (paths relative to the root, with type, mode, size,
// mtime, and the content hash of files or the target of links) and its totals. It is written
// atomically and LAST, so a snapshot exists exactly when its manifest does. The same schema checks
// manifests read back from disk and the one inside an imported archive.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { access, readFile, readdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SNAPSHOT_REASON_KINDS } from '../../shared/contract/saves-contract';
import { tempPathFor } from '../session-store/atomic-file';
import { manifestJson } from './manifest-json';
import { fsyncFd, syncDir, writeAllSync } from './sync-io';
import { SavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

export const SNAPSHOT_ID_PATTERN = /^snap_\d{8}T\d{9}Z_[0-9a-f]{6}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const ROOT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** A relative path that stays inside its root: no leading `/`, no `.` or `..` or empty segment. */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 4096 || path.includes('\0') || path.startsWith('/')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const relativePath = z.string().refine(isSafeRelativePath, { error: 'names a path outside its root' });
const common = { path: relativePath, mode: z.number().int().min(0).max(0o7777), mtimeMs: z.number().finite() };
export const ManifestEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('file'),
    ...common,
    size: z.number().int().min(0),
    sha256: z.string().regex(SHA256_PATTERN),
    // Host facts for change detection only: dropped from exported manifests.
    ino: z.number().int().optional(),
    ctimeMs: z.number().optional(),
  }),
  z.object({ type: z.literal('dir'), ...common }),
  z.object({ type: z.literal('symlink'), ...common, target: z.string().min(1).max(4096) }),
]);
export type ManifestEntry = z.infer<typeof ManifestEntry>;
export type FileEntry = Extract<ManifestEntry, { type: 'file' }>;

export const SnapshotReason = z.object({
  kind: z.enum(SNAPSHOT_REASON_KINDS),
  sessionId: z.string().max(200).optional(),
});
export type SnapshotReason = z.infer<typeof SnapshotReason>;

export const ManifestRoot = z.object({
  name: z.string().regex(ROOT_NAME_PATTERN),
  path: z.string().optional(),
  present: z.boolean(),
  entries: z.array(ManifestEntry),
});
export type ManifestRoot = z.infer<typeof ManifestRoot>;

export const Manifest = z.object({
  version: z.literal(1),
  id: z.string().regex(SNAPSHOT_ID_PATTERN),
  gameId: z.string(),
  createdAt: z.iso.datetime(),
  reason: SnapshotReason,
  roots: z.array(ManifestRoot),
  totals: z.object({
    files: z.number().int().min(0),
    bytes: z.number().int().min(0),
    filesChanged: z.number().int().min(0),
    bytesAdded: z.number().int().min(0),
  }),
});
export type Manifest = z.infer<typeof Manifest>;

/** `snap_20261201T194400123Z_1a2b3c`: sorts by creation time, unique within a millisecond. */
export function newSnapshotId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `snap_${stamp}_${randomBytes(3).toString('hex')}`;
}

// Manifests are never rewritten (each id is new), so one parsed before can be reused as long as
// its file is still listed: the previous snapshot is read at every snapshot, and its validation
// costs more than the rest of an unchanged snapshot.
const parsedManifests = new Map<string, Manifest>();
const PARSED_KEPT = 16;

function remember(path: string, manifest: Manifest): void {
  parsedManifests.delete(path);
  parsedManifests.set(path, manifest);
  if (parsedManifests.size > PARSED_KEPT) parsedManifests.delete(parsedManifests.keys().next().value ?? '');
}

/**
 * Writes the manifest to a temp file and fsyncs it while `objectsDurable` (the fsync of the
 * objects' folders) runs, and only once both are done renames it into place and fsyncs the folder:
 * a manifest is never visible before every object it names is durable. Compact JSON: a home of
 * thousands of files makes a manifest of hundreds of kB.
 */
export async function writeManifest(layout: SavesLayout, manifest: Manifest, objectsDurable: Promise<void> = Promise.resolve()): Promise<void> {
  const path = layout.manifestPath(manifest.id);
  const temp = tempPathFor(path);
  let foldersMade: string[];
  try {
    const [written, objects] = await Promise.allSettled([writeSynced(layout, temp, manifestJson(manifest)), objectsDurable]);
    if (written.status === 'rejected') throw written.reason;
    if (objects.status === 'rejected') throw objects.reason;
    foldersMade = written.value;
    renameSync(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // A snapshots/ folder made just now is an entry in its parent: durable too, before it is reported.
  await Promise.all([layout.snapshotsDir, ...foldersMade.map((dir) => dirname(dir))].map((dir) => syncDir(dir)));
  remember(path, manifest);
}

/** Returns the folders it had to make, outermost first (none but the first time). In place but the fsync: sync-io.ts. */
async function writeSynced(layout: SavesLayout, path: string, text: string): Promise<string[]> {
  const made: string[] = [];
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    // Made on first use: every later snapshot finds it, so no mkdir each time.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const first = mkdirSync(layout.snapshotsDir, { recursive: true, mode: 0o700 });
    if (first !== undefined) for (let dir = layout.snapshotsDir; dir.length >= first.length; dir = dirname(dir)) made.unshift(dir);
    fd = openSync(path, 'wx', 0o600);
  }
  try {
    writeAllSync(fd, Buffer.from(text));
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
  return made;
}

export async function readManifest(layout: SavesLayout, snapshotId: string): Promise<Manifest> {
  if (!SNAPSHOT_ID_PATTERN.test(snapshotId)) throw notFound(layout, snapshotId);
  const path = layout.manifestPath(snapshotId);
  const known = parsedManifests.get(path);
  if (known) {
    try {
      await access(path);
      return known;
    } catch {
      parsedManifests.delete(path);
      throw notFound(layout, snapshotId);
    }
  }
  let text: string;
  try {
    text = await readFile(layout.manifestPath(snapshotId), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(layout, snapshotId);
    throw error;
  }
  const parsed = Manifest.safeParse(JSON.parse(text));
  if (!parsed.success) throw new SavesError('io', `The manifest of snapshot ${snapshotId} of ${layout.gameId} is damaged: ${parsed.error.message}`);
  remember(path, parsed.data);
  return parsed.data;
}

/** The ids of every snapshot of the game, oldest first (ids sort by creation time). */
export async function listSnapshotIds(layout: SavesLayout): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(layout.snapshotsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter((id) => SNAPSHOT_ID_PATTERN.test(id));
  return ids.sort();
}

/** Every snapshot of the game, oldest first. */
export async function listManifests(layout: SavesLayout): Promise<Manifest[]> {
  return Promise.all((await listSnapshotIds(layout)).map((id) => readManifest(layout, id)));
}

export async function latestManifest(layout: SavesLayout): Promise<Manifest | undefined> {
  const last = (await listSnapshotIds(layout)).at(-1);
  return last === undefined ? undefined : readManifest(layout, last);
}

function notFound(layout: SavesLayout, snapshotId: string): SavesError {
  return new SavesError('not_found', `There is no snapshot ${snapshotId} of ${layout.gameId}: it may have been pruned; list the snapshots again.`);
}

/** What a list of snapshots shows: everything but the entries. */
export interface SnapshotSummary {
  id: string;
  createdAt: string;
  reason: SnapshotReason;
  totals: Manifest['totals'];
  roots: { name: string; present: boolean; entries: number }[];
}

export function summarize(manifest: Manifest): SnapshotSummary {
  return {
    id: manifest.id,
    createdAt: manifest.createdAt,
    reason: manifest.reason,
    totals: manifest.totals,
    roots: manifest.roots.map((root) => ({ name: root.name, present: root.present, entries: root.entries.length })),
  };
}
