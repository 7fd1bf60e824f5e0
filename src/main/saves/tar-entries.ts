// Reads a tar file entry by entry, one at a time: each entry's content is handed to `onEntry`,
// which must consume it (or throw to stop reading; the error is what the caller gets).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { extract, type Headers } from 'tar-stream';

export function forEachTarEntry(archivePath: string, onEntry: (header: Headers, content: Readable) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = createReadStream(archivePath);
    const tar = extract();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      source.destroy();
      tar.destroy();
      reject(error);
    };
    tar.on('entry', (header: Headers, content: Readable, next: () => void) => {
      onEntry(header, content).then(() => {
        content.resume(); // whatever the handler left
        next();
      }, fail);
    });
    tar.on('finish', () => {
      if (!failed) resolve();
    });
    tar.on('error', fail);
    source.on('error', fail);
    source.pipe(tar);
  });
}
