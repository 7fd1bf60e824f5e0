// The tree comparisons against the plain definition they speed up: every path's entry by key
// (type and content; with the mtime for sameTrees), over trees edited at random, so the in-place
// pass and the by-path pass for what moved agree with it whatever the edits shift.
import { describe, expect, it } from 'vitest';
import type { ManifestEntry, ManifestRoot } from './manifest';
import { countChanged, sameTrees } from './manifest-compare';

function key(entry: ManifestEntry, withTime: boolean): string {
  const time = withTime ? Math.round(entry.mtimeMs) : 0;
  if (entry.type === 'file') return `f:${entry.mode}:${entry.size}:${entry.sha256}:${time}`;
  if (entry.type === 'symlink') return `l:${entry.target}:${time}`;
  return `d:${entry.mode}:${time}`;
}

function countByDefinition(before: ManifestRoot[], after: ManifestRoot[]): number {
  const index = (roots: ManifestRoot[]) => new Map(roots.flatMap((r) => r.entries.filter((e) => e.type !== 'dir').map((e) => [`${r.name}/${e.path}`, key(e, false)] as const)));
  const old = index(before);
  const now = index(after);
  let changed = 0;
  for (const [path, k] of now) if (old.get(path) !== k) changed += 1;
  for (const path of old.keys()) if (!now.has(path)) changed += 1;
  return changed;
}

const file = (path: string, sha = 'a', extra: Partial<ManifestEntry> = {}): ManifestEntry =>
  ({ type: 'file', path, mode: 0o644, mtimeMs: 1000, size: 1, sha256: sha.padEnd(64, '0'), ...extra }) as ManifestEntry;
const dir = (path: string): ManifestEntry => ({ type: 'dir', path, mode: 0o755, mtimeMs: 1000 });
const link = (path: string, target: string): ManifestEntry => ({ type: 'symlink', path, mode: 0o777, mtimeMs: 1000, target });
const root = (entries: ManifestEntry[], name = 'home'): ManifestRoot => ({ name, present: true, entries });

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function editAtRandom(entries: ManifestEntry[], next: () => number): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const entry of entries) {
    const roll = next();
    if (roll < 0.1) continue; // removed
    if (roll < 0.2) out.push(file(`${entry.path}-new`, 'n')); // one added before it
    if (roll < 0.3 && entry.type === 'file') out.push({ ...entry, sha256: 'c'.padEnd(64, '0') });
    else if (roll < 0.35) out.push({ ...entry, mtimeMs: entry.mtimeMs + 5 });
    else if (roll < 0.4) out.push(entry.type === 'dir' ? file(entry.path) : dir(entry.path)); // kind changed
    else if (roll < 0.45) out.push(link(entry.path, '/elsewhere'));
    else if (roll < 0.5) out.push({ ...entry, mode: 0o700 }); // counts for a file, not for a folder or link
    else out.push(entry);
  }
  return out;
}

describe('countChanged', () => {
  it('counts a file added, one removed, one given other content, and not a folder or an mtime', () => {
    const before = [root([dir('d'), file('d/a'), file('d/b'), file('c')])];
    const after = [root([dir('d'), file('d/a', 'z'), file('d/new'), { ...file('c'), mtimeMs: 99 }])];
    expect(countChanged(before, after)).toBe(3); // d/a changed, d/b removed, d/new added
  });

  it('counts a root that went away, and a file that became a folder or a link', () => {
    const before = [root([file('x'), file('y')]), root([file('w')], 'wine-users')];
    const after = [root([dir('x'), link('y', '/t')])];
    expect(countChanged(before, after)).toBe(3);
  });

  it('agrees with the definition by path over randomly edited trees', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const next = random(seed);
      const entries: ManifestEntry[] = [];
      for (let i = 0; i < 40; i += 1) entries.push(next() < 0.2 ? dir(`p${i}`) : next() < 0.1 ? link(`p${i}`, 't') : file(`p${i}`, String(i % 7)));
      const before = [root(entries)];
      const after = [root(editAtRandom(entries, next))];
      expect({ seed, count: countChanged(before, after) }).toEqual({ seed, count: countByDefinition(before, after) });
      expect({ seed, same: sameTrees(before, after) }).toEqual({
        seed,
        same: entries.length === after[0]?.entries.length && entries.every((e, i) => after[0]?.entries[i]?.path === e.path && key(after[0]?.entries[i] as ManifestEntry, true) === key(e, true)),
      });
    }
  });
});

describe('sameTrees', () => {
  it('is true only for the same entries with the same content, mode and mtime to the millisecond', () => {
    const tree = [root([dir('d'), file('d/a'), link('l', '/t')])];
    expect(sameTrees(tree, [root([dir('d'), file('d/a', 'a', { mtimeMs: 1000.2 }), link('l', '/t')])])).toBe(true);
    expect(sameTrees(tree, [root([dir('d'), file('d/a', 'a', { mode: 0o600 }), link('l', '/t')])])).toBe(false);
    expect(sameTrees(tree, [root([dir('d'), file('d/a'), link('l', '/u')])])).toBe(false);
    expect(sameTrees(tree, [root([dir('d'), file('d/a'), link('l', '/t')]), root([], 'wine-users')])).toBe(false);
    expect(sameTrees(tree, [{ ...root([dir('d'), file('d/a'), link('l', '/t')]), present: false }])).toBe(false);
  });
});
