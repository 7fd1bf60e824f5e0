import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../../shared/model/entities';
import { whenLine } from '../saves/saves-view';
import { savesNote } from './history-saves';

const ended = (savesSnapshot?: RunnerSession['savesSnapshot']): RunnerSession => ({
  sessionId: 'sess_00000000-0000-4000-8000-000000000001',
  containerId: 'dillinger_test',
  gameId: 'game_a',
  userId: 'player',
  status: 'terminated',
  startTime: '2026-12-01T10:00:00Z',
  endTime: '2026-12-01T11:00:00Z',
  displayInfo: { method: 'x11', displayId: ':0' },
  ...(savesSnapshot ? { savesSnapshot } : {}),
});

describe('savesNote', () => {
  const at = '2026-12-01T11:00:02.000Z';
  it('names the snapshot a session left, with how many files changed', () => {
    expect(savesNote(ended({ status: 'created', snapshotId: 'snap_20261201T110002000Z_abcdef', snapshotAt: at, filesChanged: 3, bytesAdded: 9 }))).toEqual({
      text: `Saves: snapshot ${whenLine(at)} (3 files changed)`,
      failed: false,
    });
    expect(savesNote(ended({ status: 'created', snapshotAt: at, filesChanged: 1 }))?.text).toBe(`Saves: snapshot ${whenLine(at)} (1 file changed)`);
  });

  it('says which earlier snapshot still holds the saves when nothing changed', () => {
    expect(savesNote(ended({ status: 'unchanged', snapshotId: 'snap_20261201T110002000Z_abcdef', snapshotAt: at }))?.text).toBe(`Saves: unchanged since the snapshot of ${whenLine(at)}`);
    expect(savesNote(ended({ status: 'unchanged', snapshotId: 'snap_20261201T110002000Z_abcdef' }))?.text).toBe('Saves: unchanged since snap_20261201T110002000Z_abcdef');
  });

  it("reports a failed snapshot as a failure, in the core's words", () => {
    const reason = 'The disk holding /data is full: free some space; the previous snapshots are intact.';
    expect(savesNote(ended({ status: 'failed', error: reason }))).toEqual({ text: `Saves: snapshot failed: ${reason}`, failed: true });
  });

  it('says nothing for a session that left no snapshot', () => {
    expect(savesNote(ended())).toBeUndefined();
  });
});
