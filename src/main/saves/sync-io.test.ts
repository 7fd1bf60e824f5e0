// A write the kernel takes only part of (what a nearly full disk does) is finished, not left short:
// an object or manifest cut off there would be renamed into place under the full content's name.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { writeAllSync } from './sync-io';

// Hoisted above the imports by vitest: sync-io.ts gets this node:fs.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  // At most 3 bytes per call, as a short write returns.
  const writeSync = (fd: number, data: Uint8Array, offset = 0, length = data.length) => real.writeSync(fd, data, offset, Math.min(length, 3));
  return { ...real, default: { ...real, writeSync }, writeSync };
});

const tempDir = useTempDirs();

describe('writeAllSync', () => {
  it('writes the rest after a short write, until all of it is written', () => {
    const path = join(tempDir(), 'object');
    const fd = fs.openSync(path, 'wx');
    try {
      writeAllSync(fd, Buffer.from('counter=12345\n'));
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(path, 'utf8')).toBe('counter=12345\n');
  });
});
