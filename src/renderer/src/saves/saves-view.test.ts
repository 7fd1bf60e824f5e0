import { describe, expect, it } from 'vitest';
import { diffLines, reasonLine, sizeLine, whenLine } from './saves-view';

describe('saves view', () => {
  it('names the session a snapshot came after, and the undo point of a restore', () => {
    expect(reasonLine({ kind: 'session-end', sessionId: 'sess_1' })).toBe('After session sess_1');
    expect(reasonLine({ kind: 'before-restore' })).toMatch(/the saves it replaced/);
    expect(whenLine(new Date(2026, 0, 2, 3, 4, 5).toISOString())).toBe('2026-01-02 03:04:05');
  });
  it('says files, size and files changed', () => {
    const snapshot = { id: 's', createdAt: '2026-01-01T00:00:00Z', reason: { kind: 'manual' as const }, roots: [], totals: { files: 1, bytes: 9, filesChanged: 1, bytesAdded: 9 } };
    expect(sizeLine(snapshot)).toMatch(/^1 file, .+ · 1 changed$/);
  });
  it('lists a diff by path with what a restore would do', () => {
    const lines = diffLines({
      snapshotId: 's',
      added: [{ path: 'home/b', size: 1, mtimeMs: 0 }],
      removed: [{ path: 'home/a', size: 2, mtimeMs: 0 }],
      changed: [{ path: 'home/c', snapshot: { size: 1, mtimeMs: 0 }, current: { size: 3, mtimeMs: 1 } }],
    });
    expect(lines.map((l) => `${l.path} ${l.change}`)).toEqual(['home/a removed since', 'home/b added since', 'home/c changed since']);
  });
});
