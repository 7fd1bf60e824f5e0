// The saves methods' shapes (list, diff, restore, export, import of a game's save snapshots), kept
// beside contract.ts so the contract file only names them. What each field means is the engine's
// (src/main/saves/manifest.ts, diff.ts): restated here as the wire sees it.
import { z } from 'zod';

export const snapshotId = z.string().regex(/^snap_\d{8}T\d{9}Z_[0-9a-f]{6}$/, 'must be a snapshot id (snap_…)');

/** Why a snapshot was taken: after a session (of any kind), before an installer, a tool or winetricks
 * verbs touch the prefix, before a restore (the saves it replaced), imported, or by hand. */
export const SNAPSHOT_REASON_KINDS = ['session-end', 'before-install', 'before-tool', 'before-winetricks', 'before-restore', 'manual', 'import'] as const;

export const SnapshotInfo = z.object({
  id: z.string(),
  /** When the snapshot was taken (ISO). */
  createdAt: z.string(),
  /** Why (SNAPSHOT_REASON_KINDS); sessionId names the session it was taken after or before. */
  reason: z.object({ kind: z.enum(SNAPSHOT_REASON_KINDS), sessionId: z.string().optional() }),
  /** Files and bytes it holds; filesChanged and bytesAdded against the snapshot before it. */
  totals: z.object({ files: z.number().int(), bytes: z.number().int(), filesChanged: z.number().int(), bytesAdded: z.number().int() }),
  roots: z.array(z.object({ name: z.string(), present: z.boolean(), entries: z.number().int() })),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

const FileFacts = z.object({ size: z.number(), mtimeMs: z.number() });
/** A snapshot against the game's current saves: paths are `<root>/<path>` (root `home`: the game's home). */
export const SnapshotDiffInfo = z.object({
  snapshotId: z.string(),
  /** In the current saves, not in the snapshot (a restore removes them). */
  added: z.array(z.object({ path: z.string() }).extend(FileFacts.shape)),
  /** In the snapshot, gone now (a restore brings them back). */
  removed: z.array(z.object({ path: z.string() }).extend(FileFacts.shape)),
  changed: z.array(z.object({ path: z.string(), snapshot: FileFacts, current: FileFacts })),
});
export type SnapshotDiffInfo = z.infer<typeof SnapshotDiffInfo>;

export const RestoreOutcome = z.object({
  snapshotId: z.string(),
  /** The snapshot of the state just before the restore: restoring it undoes the restore (null: there was nothing to keep). */
  undoSnapshotId: z.string().nullable(),
});
export type RestoreOutcome = z.infer<typeof RestoreOutcome>;

/** A game's snapshots changed (a session's end left one, a restore, an import): list them again. */
export const SavesChanged = z.object({ gameId: z.string(), snapshotId: z.string().optional() });

/** A game's saves folder (its persistent home) on this machine: the core decides it from the game's id. */
export const SavesFolder = z.object({
  path: z.string(),
  /** False until the game's first session makes it. */
  exists: z.boolean(),
  /** True in the Electron window, where saves.openFolder shows it in the file manager; a browser shows the path. */
  canOpen: z.boolean(),
});
export type SavesFolder = z.infer<typeof SavesFolder>;
