// Removes objects no manifest refers to, and temp files of object writes that never finished.
// Runs under the game's lock, so never during a snapshot (whose new objects have no manifest yet).
// Refuses to guess: if any manifest cannot be read, nothing is removed.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempFileName } from '../session-store/atomic-file';
import { listManifests, SHA256_PATTERN } from './manifest';
import type { SavesLayout } from './saves-layout';

export interface GcResult {
  removedObjects: number;
  removedBytes: number;
}

export async function collectGarbage(layout: SavesLayout): Promise<GcResult> {
  const referenced = new Set<string>();
  for (const manifest of await listManifests(layout)) {
    for (const root of manifest.roots) for (const entry of root.entries) if (entry.type === 'file') referenced.add(entry.sha256);
  }
  const result: GcResult = { removedObjects: 0, removedBytes: 0 };
  let top: string[];
  try {
    top = await readdir(layout.objectsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  const remove = async (path: string) => {
    const { size } = await stat(path);
    await rm(path, { force: true });
    result.removedBytes += size;
  };
  for (const name of top) {
    const path = join(layout.objectsDir, name);
    if (isTempFileName(name)) {
      await remove(path);
      continue;
    }
    if (!/^[0-9a-f]{2}$/.test(name)) continue;
    for (const object of await readdir(path)) {
      if (SHA256_PATTERN.test(object) && referenced.has(object)) continue;
      if (!SHA256_PATTERN.test(object) && !isTempFileName(object)) continue; // not ours: leave it
      await remove(join(path, object));
      if (SHA256_PATTERN.test(object)) result.removedObjects += 1;
    }
  }
  return result;
}
