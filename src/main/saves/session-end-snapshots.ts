// A snapshot of a game's saves when one of its sessions ends (terminated or crashed: its container
// has exited, so nothing writes mid-snapshot), then retention. Subscribed to session.changed, so
// the session manager knows nothing of saves. A game whose home was never made costs nothing. A
// failed snapshot (disk full, ...) is told as an app warning with what to do; the session's record
// is never touched. Roots: the game's home and its Wine prefix's user folders (save-roots.ts).
import { existsSync } from 'node:fs';
import type { RunnerSession } from '../../shared/model/entities';
import { messageOf } from '../../shared/errors';
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
  /** Told each outcome (tests wait on it). */
  onSnapshot?: (session: RunnerSession, outcome: SnapshotOutcome) => void;
}

const ENDED_AFTER_RUNNING = new Set<RunnerSession['status']>(['terminated', 'crashed']);

export function snapshotAtSessionEnd(deps: SessionEndSnapshotDeps): (session: RunnerSession) => Promise<void> {
  const done = new Set<string>();
  return async (session) => {
    if (!ENDED_AFTER_RUNNING.has(session.status) || done.has(session.sessionId)) return;
    done.add(session.sessionId);
    const layout = savesLayout(deps.dataDir, session.gameId);
    const home = layout.homeDir;
    try {
      const roots = saveRootsOf(layout, await deps.winePrefixOf?.(session.gameId));
      if (!roots.some((root) => existsSync(root.path))) return;
      const outcome = await deps.saves.snapshot(session.gameId, roots, { kind: 'session-end', sessionId: session.sessionId });
      deps.onSnapshot?.(session, outcome);
      await deps.saves.prune(session.gameId, deps.retention?.());
    } catch (error) {
      deps.warn(`The saves of ${session.gameId} could not be snapshotted after session ${session.sessionId}: ${messageOf(error)}. Its saves are still in ${home}; free some disk space, then play again (the next session's end snapshots them).`);
    }
  };
}
