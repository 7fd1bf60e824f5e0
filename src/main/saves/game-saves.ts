// The saves engine's API, what the app wires to the contract: a persistent home per game, and
// crash-safe, content-addressed snapshots of a game's save roots (its home and, for Windows games,
// its prefix's drive_c/users) with list, diff, restore (undoable), export, import, retention,
// recovery after a crash, and garbage collection. Every operation that writes runs under the
// game's lock (one at a time per game, across app instances too). Plain Node, no Electron.
//
// Why folders and not Docker volumes for the home and the prefix's users, and why this store
// layout: see home-folder.ts and saves-layout.ts; which folders are saved: save-roots.ts; what
// makes each step crash-safe: take-snapshot.ts, restore.ts, restore-journal.ts and recover.ts.
import { realpath, rm } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { prepareImport } from './archive-import';
import { exportSnapshot } from './archive-export';
import type { Owner } from './build-tree';
import { diffSnapshot, type SnapshotDiff } from './diff';
import { collectGarbage, type GcResult } from './gc';
import { ensureHomeFolder, ensurePrefixUsersFolder } from './home-folder';
import { listManifests, ROOT_NAME_PATTERN, summarize, type SnapshotReason, type SnapshotSummary } from './manifest';
import { recoverAll, type RecoverResult } from './recover';
import { restoreSnapshot, type RestoreResult } from './restore';
import { DEFAULT_RETENTION, snapshotsToPrune, type RetentionPolicy } from './retention';
import { SavesError, toSavesError } from './saves-errors';
import { savesLayout } from './saves-layout';
import { withGameLock } from './saves-lock';
import { takeSnapshot, type SaveRoot } from './take-snapshot';
import { DEFAULT_WALK_LIMITS, type WalkLimits } from './walk-root';

export type { Owner, SaveRoot, SnapshotDiff, SnapshotReason, SnapshotSummary, RestoreResult, RecoverResult, GcResult, RetentionPolicy };

export interface GameSavesOptions {
  dataDir: string;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
  walkLimits?: WalkLimits;
  /** The most an imported archive may hold; 4 GiB by default. */
  importLimitBytes?: number;
}

export type SnapshotOutcome =
  | { status: 'created'; snapshot: SnapshotSummary; skipped: number; bytesRead: number }
  | { status: 'unchanged'; snapshotId: string | null; skipped: number; bytesRead: number };

export interface PruneResult extends GcResult {
  removedSnapshots: string[];
}

export interface GameSaves {
  ensureHome(gameId: string, gameUser?: Owner): Promise<string>;
  /** A Windows game's prefix user folders (bound over its prefix volume's drive_c/users: save-roots.ts). */
  ensurePrefixUsers(gameId: string, gameUser?: Owner): Promise<string>;
  snapshot(gameId: string, roots: SaveRoot[], reason: SnapshotReason): Promise<SnapshotOutcome>;
  /** Newest first. */
  list(gameId: string): Promise<SnapshotSummary[]>;
  diff(gameId: string, snapshotId: string, roots: SaveRoot[]): Promise<SnapshotDiff>;
  restore(gameId: string, snapshotId: string, roots: SaveRoot[]): Promise<RestoreResult>;
  export(gameId: string, snapshotId: string, archivePath: string): Promise<{ bytes: number }>;
  import(gameId: string, archivePath: string): Promise<SnapshotSummary>;
  prune(gameId: string, policy?: RetentionPolicy): Promise<PruneResult>;
  recover(): Promise<RecoverResult>;
  gc(gameId: string): Promise<GcResult>;
}

export function openGameSaves(options: GameSavesOptions): GameSaves {
  const { dataDir } = options;
  const now = options.now ?? (() => new Date());
  const limits = options.walkLimits ?? DEFAULT_WALK_LIMITS;
  const locked = async <T>(gameId: string, doing: string, run: (layout: ReturnType<typeof savesLayout>) => Promise<T>): Promise<T> => {
    const layout = savesLayout(dataDir, gameId);
    try {
      return await withGameLock(layout, doing, () => run(layout));
    } catch (error) {
      throw toSavesError(error, dataDir, `${doing} for ${gameId}`);
    }
  };
  return {
    ensureHome: async (gameId, gameUser) => ensureHomeFolder(savesLayout(dataDir, gameId), gameUser),
    ensurePrefixUsers: async (gameId, gameUser) => ensurePrefixUsersFolder(savesLayout(dataDir, gameId), gameUser),
    snapshot: (gameId, roots, reason) =>
      locked(gameId, 'a snapshot', async (layout) => {
        const result = await takeSnapshot(layout, await realRoots(roots), reason, { now: now(), limits });
        const counters = { skipped: result.skipped, bytesRead: result.bytesRead };
        return result.status === 'created'
          ? { status: 'created', snapshot: summarize(result.manifest), ...counters }
          : { status: 'unchanged', snapshotId: result.snapshotId, ...counters };
      }),
    list: async (gameId) => (await listManifests(savesLayout(dataDir, gameId))).map(summarize).reverse(),
    diff: async (gameId, snapshotId, roots) => diffSnapshot(savesLayout(dataDir, gameId), snapshotId, await realRoots(roots)),
    restore: (gameId, snapshotId, roots) =>
      locked(gameId, 'a restore', async (layout) => restoreSnapshot(layout, snapshotId, await realRoots(roots), { now: now(), limits })),
    export: (gameId, snapshotId, archivePath) => locked(gameId, 'an export', (layout) => exportSnapshot(layout, snapshotId, archivePath)),
    import: async (gameId, archivePath) => {
      const layout = savesLayout(dataDir, gameId);
      // Checked before the lock: a refused archive must not even create the game's folder.
      const prepared = await prepareImport(archivePath, { maxBytes: options.importLimitBytes, now: now() });
      return summarize(await locked(gameId, 'an import', () => prepared.write(layout)));
    },
    prune: (gameId, policy = DEFAULT_RETENTION) =>
      locked(gameId, 'pruning', async (layout) => {
        const removedSnapshots = snapshotsToPrune(await listManifests(layout), policy, now());
        for (const id of removedSnapshots) await rm(layout.manifestPath(id));
        return { removedSnapshots, ...(await collectGarbage(layout)) };
      }),
    recover: () => recoverAll(dataDir),
    gc: (gameId) => locked(gameId, 'a clean-up', collectGarbage),
  };
}

/** A root given as a link to its folder is that folder: links are followed for the roots themselves
 * (never inside them), so a linked prefix is still saved, and restore swaps the real folder. */
async function realRoots(roots: SaveRoot[]): Promise<SaveRoot[]> {
  const names = new Set<string>();
  for (const root of roots) {
    if (!ROOT_NAME_PATTERN.test(root.name) || names.has(root.name) || !isAbsolute(root.path)) {
      throw new SavesError('io', `Save root "${root.name}" (${root.path}) is not valid: names are short lowercase words, each used once, with absolute paths.`);
    }
    names.add(root.name);
  }
  return Promise.all(
    roots.map(async (root) => {
      try {
        return { ...root, path: await realpath(root.path) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return root; // absent: recorded as such
        throw error;
      }
    }),
  );
}
