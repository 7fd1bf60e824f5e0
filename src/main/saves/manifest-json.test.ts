// The manifest's text is JSON.stringify's, to the byte, whether its entries were turned into text
// before (shared with the previous snapshot) or not, and whatever optional fields are left out.
import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestEntry } from './manifest';
import { manifestJson } from './manifest-json';

const file = (path: string, extra: Partial<ManifestEntry> = {}): ManifestEntry =>
  ({ type: 'file', path, mode: 0o644, mtimeMs: 1000.5, size: 3, sha256: 'a'.repeat(64), ino: 7, ctimeMs: 2000.25, ...extra }) as ManifestEntry;

function manifest(entries: ManifestEntry[], id = 'snap_20261201T194400123Z_1a2b3c'): Manifest {
  return {
    version: 1,
    id,
    gameId: 'game_demo',
    createdAt: '2026-12-01T19:44:00.123Z',
    reason: { kind: 'session-end', sessionId: 'sess_"quoted"\n' },
    roots: [
      { name: 'home', path: '/data/home', present: true, entries },
      { name: 'wine-users', path: undefined, present: false, entries: [] },
    ],
    totals: { files: entries.length, bytes: 3 * entries.length, filesChanged: 1, bytesAdded: 3 },
  };
}

describe('manifestJson', () => {
  it('is JSON.stringify to the byte, for a new manifest and for the next one sharing its entries', () => {
    const shared = [file('a'), { type: 'dir', path: 'd', mode: 0o755, mtimeMs: 5 } as ManifestEntry, { type: 'symlink', path: 'l', mode: 0o777, mtimeMs: 6, target: '/t' } as ManifestEntry];
    const first = manifest(shared);
    expect(manifestJson(first)).toBe(JSON.stringify(first));
    // The next snapshot: the same entry objects, one new entry, one without its host facts.
    const next = manifest([...shared, file('b', { sha256: 'b'.repeat(64) }), file('imported', { ino: undefined, ctimeMs: undefined })], 'snap_20261201T194500123Z_4d5e6f');
    expect(manifestJson(next)).toBe(JSON.stringify(next));
    expect(JSON.parse(manifestJson(next))).toEqual(JSON.parse(JSON.stringify(next)));
  });
});
