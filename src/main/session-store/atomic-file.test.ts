import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isTempFileName,
  tempFileTarget,
  tempPathFor,
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
  writeJsonAtomicSync,
} from './atomic-file';
import { makeTempDataDir, removeDataDir } from '../test-support/sample-sessions';

let dir: string;
beforeEach(() => {
  dir = makeTempDataDir('atomic-file-');
});
afterEach(() => removeDataDir(dir));

describe('writeFileAtomic', () => {
  it('creates a file and replaces it whole, leaving no temp file behind', async () => {
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second, longer content');
    expect(readFileSync(file, 'utf8')).toBe('second, longer content');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('keeps the file private to its owner (it may hold an X11 auth token)', async () => {
    const file = join(dir, 'secret.json');
    await writeFileAtomic(file, '{}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('cleans up its temp file and throws when the rename fails', async () => {
    // A folder where the file should go: the temp file is written, then the rename is refused.
    const target = join(dir, 'state.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'old');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'new')).toThrow();
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('has sync and JSON variants that write the same bytes', async () => {
    await writeJsonAtomic(join(dir, 'a.json'), { a: 1 });
    writeJsonAtomicSync(join(dir, 'b.json'), { a: 1 });
    writeFileAtomicSync(join(dir, 'c.txt'), 'text');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('text');
  });
});

describe('temp file names', () => {
  it('are hidden, in the same folder, and recognisable after a crash', () => {
    const temp = tempPathFor(join(dir, 'sess_x.json'));
    const name = temp.slice(dir.length + 1);
    expect(name).toMatch(new RegExp(`^\\.sess_x\\.json\\.tmp-${process.pid}-[0-9a-f]{12}$`));
    expect(isTempFileName(name)).toBe(true);
    expect(isTempFileName('sess_x.json')).toBe(false);
    expect(tempFileTarget(name)).toBe('sess_x.json');
    // Only our own shape: a look-alike with another suffix is someone else's file.
    expect(isTempFileName('.sess_x.json.tmp-42-abc')).toBe(false);
    expect(isTempFileName('.sess_x.json.tmp-42-0123456789abX')).toBe(false);
    expect(tempFileTarget('sess_x.json')).toBeUndefined();
    expect(tempPathFor(join(dir, 'a'))).not.toBe(tempPathFor(join(dir, 'a')));
  });
});
