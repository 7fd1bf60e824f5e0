import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under a folder, with its size and mtime: equal snapshots prove a call wrote nothing. */
export function snapshotFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const info = statSync(path);
      return `${path}:${info.size}:${info.mtimeMs}`;
    })
    .sort();
}
