import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { snapshotsToPrune } from './retention';
import { savesLayout } from './saves-layout';
import { countFiles } from '../test-support/save-trees';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('retention', () => {
  it('keeps the last N plus the newest of each day for D days', () => {
    // Four a day for 10 days, newest first: day 0 is today.
    const snapshots = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, createdAt: new Date(NOW - Math.floor(i / 4) * DAY - (i % 4) * 3_600_000).toISOString() }));
    const pruned = snapshotsToPrune(snapshots, { keepLast: 5, keepDays: 7 }, new Date(NOW));
    const kept = snapshots.map((s) => s.id).filter((id) => !pruned.includes(id));
    // s0-s4 (the last 5), then the newest of days 2-6 (s8, s12, ..., s24); days 7-9 are past 7 days.
    expect(kept).toEqual(['s0', 's1', 's2', 's3', 's4', 's8', 's12', 's16', 's20', 's24']);
  });

  it('prunes manifests, then the objects no remaining snapshot refers to, and counts before-restore snapshots like others', async () => {
    const dataDir = tempDir();
    let clock = NOW - 40 * DAY;
    const saves = openGameSaves({ dataDir, now: () => new Date(clock) });
    const home = await saves.ensureHome('game_keep');
    for (let day = 0; day < 40; day += 1) {
      clock = NOW - (39 - day) * DAY;
      writeFileSync(join(home, 'save.dat'), `day ${day}`);
      await saves.snapshot('game_keep', [{ name: 'home', path: home }], { kind: day % 2 === 0 ? 'session-end' : 'before-restore' });
    }
    const layout = savesLayout(dataDir, 'game_keep');
    expect(countFiles(layout.objectsDir)).toBe(40);
    clock = NOW;
    const result = await saves.prune('game_keep', { keepLast: 3, keepDays: 10 });
    // Days 30-39 are within 10 days (they include the last 3): 10 kept, 30 removed with their objects.
    expect(result.removedSnapshots).toHaveLength(30);
    expect(result.removedObjects).toBe(30);
    expect(readdirSync(layout.snapshotsDir)).toHaveLength(10);
    expect(countFiles(layout.objectsDir)).toBe(10);
    expect((await saves.list('game_keep')).at(-1)?.createdAt).toBe(new Date(NOW - 9 * DAY).toISOString());
  });
});
