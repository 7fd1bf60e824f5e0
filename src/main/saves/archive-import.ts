// Imports an exported archive as a new snapshot of a game (reason `import`), possibly in another
// data dir. The whole archive is checked first (archive-check.ts); only then is anything written:
// the objects (hashed again while stored, in case the file changed since), then the manifest, last.
import { rm } from 'node:fs/promises';
import { checkArchive, DEFAULT_IMPORT_LIMIT_BYTES, refuse } from './archive-check';
import { countChanged } from './manifest-compare';
import { latestManifest, newSnapshotId, writeManifest, type Manifest } from './manifest';
import { objectWriter } from './object-store';
import { toSavesError } from './saves-errors';
import type { SavesLayout } from './saves-layout';
import { forEachTarEntry } from './tar-entries';

export interface ImportOptions {
  maxBytes?: number;
  now?: Date;
}

/** The archive's checked content; call `write` under the game's lock. */
export async function prepareImport(archivePath: string, options: ImportOptions = {}) {
  const checked = await checkArchive(archivePath, options.maxBytes ?? DEFAULT_IMPORT_LIMIT_BYTES);
  return {
    checked,
    write: (layout: SavesLayout) => writeImport(layout, archivePath, checked.manifest, options.now ?? new Date()),
  };
}

async function writeImport(layout: SavesLayout, archivePath: string, imported: Manifest, now: Date): Promise<Manifest> {
  const writer = objectWriter(layout);
  try {
    await forEachTarEntry(archivePath, async (header, content) => {
      if (!header.name.startsWith('objects/') || header.type !== 'file') return;
      const stored = await writer.storeStream(content);
      if (`objects/${stored.sha256}` !== header.name) throw refuse(archivePath, `${header.name} changed while it was being imported`);
    });
    const previous = await latestManifest(layout);
    const files = imported.roots.flatMap((root) => root.entries.flatMap((entry) => (entry.type === 'file' ? [entry] : [])));
    const added = new Set(writer.added);
    const manifest: Manifest = {
      version: 1,
      id: newSnapshotId(now),
      gameId: layout.gameId,
      createdAt: now.toISOString(),
      reason: { kind: 'import' },
      roots: imported.roots,
      totals: {
        files: files.length,
        bytes: files.reduce((sum, file) => sum + file.size, 0),
        filesChanged: countChanged(previous?.roots ?? [], imported.roots),
        bytesAdded: files.reduce((sum, file) => sum + (added.delete(file.sha256) ? file.size : 0), 0),
      },
    };
    await writeManifest(layout, manifest, writer.flush());
    return manifest;
  } catch (error) {
    await Promise.all(writer.added.map((sha) => rm(layout.objectPath(sha), { force: true }))).catch(() => undefined);
    throw toSavesError(error, layout.dataDir, `import ${archivePath} into ${layout.gameId}`);
  }
}
