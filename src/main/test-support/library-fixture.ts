import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes a game folder with a manifest and empty executables, as a user would have it. */
export function writeGame(
  libraryDir: string,
  folder: string,
  manifest: { id: string; title: string; platforms: Array<{ platform: 'linux' | 'windows'; executable: string; arguments?: string[] }> } | string,
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
