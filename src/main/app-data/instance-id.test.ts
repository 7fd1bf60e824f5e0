// The instance id: made once per data dir and kept; an unreadable file is set aside, not deleted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { INSTANCE_ID_FILE, instanceIdOf } from './instance-id';

const tempDir = useTempDirs();

describe('instanceIdOf', () => {
  it('makes one id per data dir and keeps it across starts', () => {
    const a = tempDir();
    const b = tempDir();
    const id = instanceIdOf(a);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(instanceIdOf(a)).toBe(id);
    expect(instanceIdOf(b)).not.toBe(id);
    expect(readFileSync(join(a, INSTANCE_ID_FILE), 'utf8')).toBe(`${id}\n`);
  });

  it('sets an unreadable file aside and makes a new id', () => {
    const dir = tempDir();
    writeFileSync(join(dir, INSTANCE_ID_FILE), 'not an id');
    const id = instanceIdOf(dir);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const aside = readdirSync(dir).find((name) => name.startsWith(`${INSTANCE_ID_FILE}.unreadable-`));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe('not an id');
  });
});
