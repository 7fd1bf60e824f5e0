// What History says about the snapshot of a game's saves that a session left (its record's
// savesSnapshot, written once the snapshot is done): made, nothing changed since an earlier one, or
// failed and why. Nothing for a session that left none (a game with nothing to save). Pure, tested.
import type { RunnerSession } from '../../../shared/model/entities';
import { whenLine } from '../saves/saves-view';

export interface SavesNote {
  text: string;
  /** A failure: shown as one, with the reason the core gave. */
  failed: boolean;
}

export function savesNote(session: RunnerSession): SavesNote | undefined {
  const snapshot = session.savesSnapshot;
  if (!snapshot) return undefined;
  switch (snapshot.status) {
    case 'created': {
      const when = snapshot.snapshotAt ? ` ${whenLine(snapshot.snapshotAt)}` : '';
      const changed = snapshot.filesChanged === undefined ? '' : ` (${snapshot.filesChanged} file${snapshot.filesChanged === 1 ? '' : 's'} changed)`;
      return { text: `Saves: snapshot${when}${changed}`, failed: false };
    }
    case 'unchanged': {
      const since = snapshot.snapshotAt ? `the snapshot of ${whenLine(snapshot.snapshotAt)}` : (snapshot.snapshotId ?? 'the last snapshot');
      return { text: `Saves: unchanged since ${since}`, failed: false };
    }
    case 'failed':
      return { text: `Saves: snapshot failed: ${snapshot.error ?? 'no reason was given'}`, failed: true };
  }
}
