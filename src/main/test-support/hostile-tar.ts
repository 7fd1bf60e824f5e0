// Writes tar files entry by entry, as a hostile archive would be made: any name, any type.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { pack, type Headers } from 'tar-stream';

export interface TarEntry {
  header: Headers;
  content?: string | Buffer;
}

export async function writeTar(path: string, entries: TarEntry[]): Promise<void> {
  const tar = pack();
  const done = pipeline(tar, createWriteStream(path));
  for (const { header, content } of entries) {
    await new Promise<void>((resolve, reject) => {
      const body = content === undefined ? undefined : Buffer.from(content);
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      if (body) tar.entry({ size: body.length, ...header }, body, callback);
      else tar.entry(header, callback);
    });
  }
  tar.finalize();
  await done;
}

export const sha256 = (content: string): string => createHash('sha256').update(content).digest('hex');

/** A manifest of one root with the given entries, as an export writes it. */
export function manifestWith(entries: unknown[], rootName = 'home'): string {
  return JSON.stringify({
    version: 1,
    id: 'snap_20261201T120000000Z_abcdef',
    gameId: 'game_x',
    createdAt: '2026-12-01T12:00:00.000Z',
    reason: { kind: 'manual' },
    roots: [{ name: rootName, present: true, entries }],
    totals: { files: 0, bytes: 0, filesChanged: 0, bytesAdded: 0 },
  });
}
