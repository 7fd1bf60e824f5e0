// Comparing two snapshots' trees: whether anything at all changed (then no new snapshot is
// written), and how many files and links were added, removed or given other content. Both run at
// every snapshot over every entry: fields are compared in place, and the by-path index is only
// built for the entries that are not where they were (most trees keep their order).
import type { ManifestEntry, ManifestRoot } from './manifest';

// Milliseconds: a restored file's mtime is set back to the microsecond, not to the last bit.
const sameTime = (a: ManifestEntry, b: ManifestEntry) => Math.round(a.mtimeMs) === Math.round(b.mtimeMs);

/** Same kind and content: for files mode, size and hash; for links the target; for folders the mode. */
function sameContent(a: ManifestEntry, b: ManifestEntry): boolean {
  if (a.type === 'file') return b.type === 'file' && a.mode === b.mode && a.size === b.size && a.sha256 === b.sha256;
  if (a.type === 'symlink') return b.type === 'symlink' && a.target === b.target;
  return b.type === 'dir' && a.mode === b.mode;
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
      return then !== undefined && then.path === entry.path && sameContent(then, entry) && sameTime(then, entry);
    });
  });
}

/** Files and links added, removed or with other content or mode (folders do not count). */
export function countChanged(before: ManifestRoot[], after: ManifestRoot[]): number {
  const oldRoots = new Map(before.map((root) => [root.name, root.entries]));
  let changed = 0;
  for (const root of after) {
    const oldEntries = oldRoots.get(root.name) ?? [];
    oldRoots.delete(root.name);
    changed += countChangedIn(oldEntries, root.entries);
  }
  for (const entries of oldRoots.values()) changed += entries.filter((entry) => entry.type !== 'dir').length;
  return changed;
}

function countChangedIn(before: ManifestEntry[], after: ManifestEntry[]): number {
  let count = 0;
  // Pass 1: entries at the same place with the same path settle themselves; the rest are set aside.
  const oldByPath = new Map<string, ManifestEntry>();
  const unmatched: ManifestEntry[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
    const then = before[i];
    const now = after[i];
    if (then && now && then.path === now.path) {
      if (changedAt(then, now)) count += 1;
      continue;
    }
    if (then) oldByPath.set(then.path, then);
    if (now) unmatched.push(now);
  }
  // Pass 2, by path, for the entries that moved (what was added or removed before them shifts them).
  for (const now of unmatched) {
    const then = oldByPath.get(now.path);
    oldByPath.delete(now.path);
    if (changedAt(then, now)) count += 1;
  }
  for (const then of oldByPath.values()) if (then.type !== 'dir') count += 1;
  return count;
}

/** One path's change, folders aside: a file or link added, or given other content, or replaced by a folder. */
function changedAt(then: ManifestEntry | undefined, now: ManifestEntry): boolean {
  if (!then) return now.type !== 'dir';
  return (then.type !== 'dir' || now.type !== 'dir') && !sameContent(then, now);
}
