import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quarantineFile } from './quarantine';
import { filesUnder, makeTempDataDir, removeDataDir } from '../test-support/sample-sessions';

const NOW = new Date('2025-10-29T14:30:00.123Z');
let dir: string;
let quarantineDir: string;
beforeEach(() => {
  dir = makeTempDataDir('quarantine-');
  quarantineDir = join(dir, 'quarantine');
  mkdirSync(quarantineDir);
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
});
afterEach(() => removeDataDir(dir));

describe('quarantineFile', () => {
  it('moves the file under a timestamped name and writes why beside it', () => {
    const file = join(dir, 'a', 'broken.json');
    writeFileSync(file, '{"torn');
    const warning = quarantineFile(quarantineDir, file, 'is not valid JSON', NOW);
    const movedTo = join(quarantineDir, '2025-10-29T14-30-00.123Z-broken.json');
    expect(warning).toEqual({ file, reason: 'is not valid JSON', movedTo });
    expect(readFileSync(movedTo, 'utf8')).toBe('{"torn');
    const reason = readFileSync(`${movedTo}.reason.txt`, 'utf8');
    expect(reason).toContain(`file: ${file}`);
    expect(reason).toContain('reason: is not valid JSON');
    expect(filesUnder(join(dir, 'a'))).toEqual([]);
  });

  it('never overwrites: two files of the same name at the same instant both survive', () => {
    writeFileSync(join(dir, 'a', 'x.json'), 'from a');
    writeFileSync(join(dir, 'b', 'x.json'), 'from b');
    const first = quarantineFile(quarantineDir, join(dir, 'a', 'x.json'), 'one', NOW);
    const second = quarantineFile(quarantineDir, join(dir, 'b', 'x.json'), 'two', NOW);
    expect(first.movedTo).not.toBe(second.movedTo);
    expect(readFileSync(first.movedTo ?? '', 'utf8')).toBe('from a');
    expect(readFileSync(second.movedTo ?? '', 'utf8')).toBe('from b');
    expect(filesUnder(quarantineDir)).toHaveLength(4);
  });

  it('reports, rather than throws, when the file cannot be moved', () => {
    const warning = quarantineFile(quarantineDir, join(dir, 'a', 'gone.json'), 'is broken', NOW);
    expect(warning.movedTo).toBeUndefined();
    expect(warning.reason).toMatch(/^is broken \(it could not be moved to .*ENOENT/);
  });
});
