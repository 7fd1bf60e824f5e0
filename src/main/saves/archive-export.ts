// Exports one snapshot as a tar file: `manifest.json` first (without the host's inode and ctime
// facts), then `objects/<sha256>` for each content it refers to, once. Written to a temp file
// beside the target and renamed, so a half-written archive never carries the target's name.
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { tempPathFor } from '../session-store/atomic-file';
import { readManifest, type Manifest } from './manifest';
import { readObject } from './object-store';
import { toSavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';

export const ARCHIVE_MANIFEST = 'manifest.json';

export async function exportSnapshot(layout: SavesLayout, snapshotId: string, archivePath: string): Promise<{ bytes: number }> {
  const manifest = portable(await readManifest(layout, snapshotId));
  const temp = tempPathFor(archivePath);
  try {
    const tar = pack();
    const written = pipeline(tar, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    written.catch(() => undefined); // awaited below; an early failure must not go unhandled meanwhile
    const sizes = new Map<string, number>();
    for (const root of manifest.roots) for (const entry of root.entries) if (entry.type === 'file') sizes.set(entry.sha256, entry.size);
    await addEntry(tar, ARCHIVE_MANIFEST, Buffer.from(JSON.stringify(manifest)));
    for (const [sha256, size] of sizes) {
      await new Promise<void>((resolve, reject) => {
        const sink = tar.entry({ name: `objects/${sha256}`, size, mode: 0o600, type: 'file' }, (error) => (error ? reject(error) : resolve()));
        readObject(layout, sha256).on('error', reject).pipe(sink);
      });
    }
    tar.finalize();
    await written;
    await rename(temp, archivePath);
    return { bytes: (await stat(archivePath)).size };
  } catch (error) {
    await rm(temp, { force: true });
    throw toSavesError(error, layout.dataDir, `export snapshot ${snapshotId} of ${layout.gameId} to ${archivePath}`);
  }
}

function portable(manifest: Manifest): Manifest {
  return {
    ...manifest,
    roots: manifest.roots.map((root) => ({
      name: root.name,
      present: root.present,
      entries: root.entries.map((entry) => {
        if (entry.type !== 'file') return entry;
        const { ino: _ino, ctimeMs: _ctime, ...rest } = entry;
        return rest;
      }),
    })),
  };
}

function addEntry(tar: ReturnType<typeof pack>, name: string, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) => tar.entry({ name, size: content.length, mode: 0o600 }, content, (error) => (error ? reject(error) : resolve())));
}
