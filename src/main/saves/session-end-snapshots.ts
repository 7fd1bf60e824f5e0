// A snapshot of a game's saves when one of its sessions ends (terminated or crashed: its container
// has exited, so nothing writes mid-snapshot), then retention. Subscribed to session.changed, so
// the session manager knows nothing of saves. A game whose home was never made costs nothing. The
// outcome is recorded on the session (savesSnapshot: created, unchanged, or failed with why) through
// the store's one amendment to a final record; a failed snapshot (disk full, ...) is also told as an
// app warning with what to do. Roots: the game's home and its Wine prefix's user folders (save-roots.ts).
import { existsSync } from 'node:fs';
import type { RunnerSession, SessionSavesSnapshot } from '../../shared/model/entities';
import { messageOf } from '../../shared/errors';
import { isLive } from '../../shared/model/session-states';
import type { GameSaves, SnapshotOutcome } from './game-saves';
import type { RetentionPolicy } from './retention';
import { saveRootsOf } from './save-roots';
import { savesLayout } from './saves-layout';

export interface SessionEndSnapshotDeps {
  dataDir: string;
  saves: GameSaves;
  /** The game's Wine prefix as its settings name it (a volume name or a host folder), if any. */
  winePrefixOf?: (gameId: string) => Promise<string | undefined>;
  warn: (message: string) => void;
  /** Read at each snapshot, so a change in Settings applies to the next one. */
  retention?: () => RetentionPolicy;
  /**
   * Writes the outcome on the session's final record (SessionStore.recordSavesSnapshot) and answers
   * the record as it is now; the caller announces it (session.changed) so History shows it.
   */
  record?: (sessionId: string, savesSnapshot: SessionSavesSnapshot) => Promise<RunnerSession>;
  /** Told each outcome (tests wait on it). */
  onSnapshot?: (session: RunnerSession, outcome: SnapshotOutcome) => void;
}

const ENDED_AFTER_RUNNING = new Set<RunnerSession['status']>(['terminated', 'crashed']);

export function snapshotAtSessionEnd(deps: SessionEndSnapshotDeps): (session: RunnerSession) => Promise<void> {
  const done = new Set<string>();
  return async (session) => {
    if (!ENDED_AFTER_RUNNING.has(session.status) || done.has(session.sessionId) || session.savesSnapshot !== undefined) return;
    done.add(session.sessionId);
    const layout = savesLayout(deps.dataDir, session.gameId);
    const home = layout.homeDir;
    let outcome: SnapshotOutcome;
    try {
      const roots = saveRootsOf(layout, await deps.winePrefixOf?.(session.gameId));
      if (!roots.some((root) => existsSync(root.path))) return;
      outcome = await deps.saves.snapshot(session.gameId, roots, { kind: 'session-end', sessionId: session.sessionId });
    } catch (error) {
      const reason = messageOf(error);
      deps.warn(`The saves of ${session.gameId} could not be snapshotted after session ${session.sessionId}: ${reason.replace(/\.$/, '')}. Its saves are still in ${home}; free some disk space, then play again (the next session's end snapshots them).`);
      await record(deps, session, { status: 'failed', error: reason.slice(0, 2000) });
      return;
    }
    deps.onSnapshot?.(session, outcome);
    const kept = await savesSnapshotOf(deps.saves, session.gameId, outcome);
    if (kept) await record(deps, session, kept);
    try {
      await deps.saves.prune(session.gameId, deps.retention?.());
    } catch (error) {
      deps.warn(`Old snapshots of the saves of ${session.gameId} could not be pruned after session ${session.sessionId}: ${messageOf(error)}. They stay until the next session's end tries again.`);
    }
  };
}

/** The outcome as the session's record keeps it (an unchanged one names when its snapshot was taken);
 * nothing when there was nothing to save and no snapshot before either. */
async function savesSnapshotOf(saves: GameSaves, gameId: string, outcome: SnapshotOutcome): Promise<SessionSavesSnapshot | undefined> {
  if (outcome.status === 'created') {
    const { id, createdAt, totals } = outcome.snapshot;
    return { status: 'created', snapshotId: id, snapshotAt: createdAt, filesChanged: totals.filesChanged, bytesAdded: totals.bytesAdded };
  }
  if (outcome.snapshotId === null) return undefined;
  const snapshotAt = (await saves.list(gameId).catch(() => [])).find((s) => s.id === outcome.snapshotId)?.createdAt;
  return { status: 'unchanged', snapshotId: outcome.snapshotId, ...(snapshotAt ? { snapshotAt } : {}) };
}

async function record(deps: SessionEndSnapshotDeps, session: RunnerSession, savesSnapshot: SessionSavesSnapshot): Promise<void> {
  if (!deps.record) return;
  try {
    await deps.record(session.sessionId, savesSnapshot);
  } catch (error) {
    // The snapshot itself is done (or its failure already warned): only the note on the record is missing.
    deps.warn(`What the saves snapshot after session ${session.sessionId} did could not be written on its record: ${messageOf(error)}.`);
  }
}

/**
 * At start: the newest ended session of each game whose record names no snapshot, because the app
 * was closed or killed before its snapshot was taken or finished (recover() has reported and
 * cleared a half-made one), gets its snapshot now. Its game's saves are still as that session left
 * them: it is the newest, and a game with a live session is skipped (its saves are in use; its own
 * end snapshots them).
 */
export function missedSessionEnds(sessions: readonly RunnerSession[]): RunnerSession[] {
  const newest = new Map<string, RunnerSession>();
  const live = new Set<string>();
  for (const session of sessions) {
    if (isLive(session.status)) live.add(session.gameId);
    if (!ENDED_AFTER_RUNNING.has(session.status)) continue;
    const known = newest.get(session.gameId);
    if (!known || (session.endTime ?? '') > (known.endTime ?? '')) newest.set(session.gameId, session);
  }
  return [...newest.values()].filter((session) => session.savesSnapshot === undefined && !live.has(session.gameId));
}
