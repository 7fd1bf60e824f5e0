// A snapshot against the current state of the roots: which files were added, removed or changed
// since, by path (`<root>/<path>`), with size and mtime on each side. Files whose size and mtime
// are unchanged count as unchanged; a file with the same size but another mtime is hashed, so a
// mere touch is not reported as a change.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { readManifest, type FileEntry } from './manifest';
import type { SavesLayout } from './saves-layout';
import type { SaveRoot } from './take-snapshot';
import { DEFAULT_WALK_LIMITS, walkRoot } from './walk-root';

export interface FileFacts {
  size: number;
  mtimeMs: number;
}
export interface SnapshotDiff {
  snapshotId: string;
  added: ({ path: string } & FileFacts)[];
  removed: ({ path: string } & FileFacts)[];
  changed: { path: string; snapshot: FileFacts; current: FileFacts }[];
}

export async function diffSnapshot(layout: SavesLayout, snapshotId: string, roots: SaveRoot[]): Promise<SnapshotDiff> {
  const manifest = await readManifest(layout, snapshotId);
  const diff: SnapshotDiff = { snapshotId, added: [], removed: [], changed: [] };
  const names = new Set([...manifest.roots.map((r) => r.name), ...roots.map((r) => r.name)]);
  for (const name of [...names].sort()) {
    const root = roots.find((r) => r.name === name);
    const recorded = new Map<string, FileEntry>();
    for (const entry of manifest.roots.find((r) => r.name === name)?.entries ?? []) if (entry.type === 'file') recorded.set(entry.path, entry);
    const current = root ? (await walkRoot(root.path, name, DEFAULT_WALK_LIMITS)).entries.filter((e) => e.type === 'file') : [];
    for (const entry of current) {
      const facts = { size: entry.stats.size, mtimeMs: entry.stats.mtimeMs };
      const then = recorded.get(entry.path);
      recorded.delete(entry.path);
      if (!then) diff.added.push({ path: `${name}/${entry.path}`, ...facts });
      else if (then.size !== facts.size || (then.mtimeMs !== facts.mtimeMs && (await sha256Of(join(root?.path ?? '', entry.path))) !== then.sha256)) {
        diff.changed.push({ path: `${name}/${entry.path}`, snapshot: { size: then.size, mtimeMs: then.mtimeMs }, current: facts });
      }
    }
    for (const gone of recorded.values()) diff.removed.push({ path: `${name}/${gone.path}`, size: gone.size, mtimeMs: gone.mtimeMs });
  }
  return diff;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
