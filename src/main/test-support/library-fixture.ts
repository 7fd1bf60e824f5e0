import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes a game folder with a manifest and stand-in executables (`#!/bin/sh`, 0755), as a user would have it. */
export function writeGame(
  libraryDir: string,
  folder: string,
  manifest: { id: string; title: string; cover?: string; platforms: Array<{ platform: 'linux' | 'windows'; executable: string; arguments?: string[] }> } | string,
): void {
  const dir = join(libraryDir, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'game.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2));
  if (typeof manifest !== 'string') {
    for (const launch of manifest.platforms) {
      const exe = join(dir, launch.executable);
      mkdirSync(dirname(exe), { recursive: true });
      writeFileSync(exe, '#!/bin/sh\n');
      chmodSync(exe, 0o755);
    }
  }
}

/**
 * Gives a game already in the library another title (its window's title), keeping its id. Tests in
 * files that run at the same time play the same demo; a title of their own tells their windows apart.
 */
export function retitleGame(libraryDir: string, folder: string, title: string): void {
  const file = join(libraryDir, folder, 'game.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...manifest, title }));
  renameSync(`${file}.tmp`, file); // the library watcher never reads a half-written manifest
}
