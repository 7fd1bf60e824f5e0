// Comparing two snapshots' trees: whether anything at all changed (then no new snapshot is
// written), and how many files and links were added, removed or given other content.
import type { ManifestEntry, ManifestRoot } from './manifest';

function entryKey(entry: ManifestEntry, withTime: boolean): string {
  // Milliseconds: a restored file's mtime is set back to the microsecond, not to the last bit.
  const time = withTime ? Math.round(entry.mtimeMs) : 0;
  if (entry.type === 'file') return `f:${entry.mode}:${entry.size}:${entry.sha256}:${time}`;
  if (entry.type === 'symlink') return `l:${entry.target}:${time}`;
  return `d:${entry.mode}:${time}`;
}

/** Same roots, same presence, same entries with the same content, modes and mtimes. */
export function sameTrees(before: ManifestRoot[], after: ManifestRoot[]): boolean {
  if (before.length !== after.length) return false;
  return after.every((root) => {
    const old = before.find((r) => r.name === root.name);
    if (!old || old.present !== root.present || old.entries.length !== root.entries.length) return false;
    // Both lists are in walk order, so equal trees have equal entries at equal places.
    return root.entries.every((entry, i) => {
      const then = old.entries[i];
      return then !== undefined && then.path === entry.path && entryKey(then, true) === entryKey(entry, true);
    });
  });
}

/** Files and links added, removed or with other content or mode (folders do not count). */
export function countChanged(before: ManifestRoot[], after: ManifestRoot[]): number {
  const index = (roots: ManifestRoot[]) =>
    new Map(roots.flatMap((r) => r.entries.filter((e) => e.type !== 'dir').map((e) => [`${r.name}/${e.path}`, entryKey(e, false)] as const)));
  const old = index(before);
  const now = index(after);
  let changed = 0;
  for (const [path, key] of now) if (old.get(path) !== key) changed += 1;
  for (const path of old.keys()) if (!now.has(path)) changed += 1;
  return changed;
}
