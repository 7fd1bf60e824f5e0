// Checked against the real `xauth` tool (installed by scripts/provision.sh): files it writes parse,
// and files we write it reads back.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import {
  FAMILY_LOCAL, FAMILY_WILD, MIT_MAGIC_COOKIE, cookieFingerprint, findCookie, parseXauthority, serializeXauthority, sessionXauthority,
} from './xauthority';

const tempDir = useTempDirs();
const COOKIE = '0123456789abcdef0123456789abcdef';

describe('Xauthority files', () => {
  it('parses what xauth writes, for local and wild entries', () => {
    const file = join(tempDir(), 'xa');
    execFileSync('xauth', ['-f', file, 'add', 'gamebox/unix:7', MIT_MAGIC_COOKIE, COOKIE]);
    execFileSync('xauth', ['-f', file, 'add', 'gamebox/unix:8', MIT_MAGIC_COOKIE, 'ff'.repeat(16)]);
    const entries = parseXauthority(readFileSync(file));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ family: FAMILY_LOCAL, number: '7', name: MIT_MAGIC_COOKIE });
    expect(entries[0]?.address.toString()).toBe('gamebox');
    expect(entries[0]?.data.toString('hex')).toBe(COOKIE);
    expect(findCookie(entries, '8', 'gamebox')?.data.toString('hex')).toBe('ff'.repeat(16));
    expect(findCookie(entries, '7', 'otherhost')).toBeUndefined();
    expect(findCookie(entries, '9', 'gamebox')).toBeUndefined();
  });

  it('writes a single family-wild entry that xauth reads back with the same cookie', () => {
    const dir = tempDir();
    const source = join(dir, 'host');
    execFileSync('xauth', ['-f', source, 'add', 'gamebox/unix:3', MIT_MAGIC_COOKIE, COOKIE]);
    execFileSync('xauth', ['-f', source, 'add', 'gamebox/unix:4', MIT_MAGIC_COOKIE, 'ee'.repeat(16)]);
    const cookie = findCookie(parseXauthority(readFileSync(source)), '3', 'gamebox');
    const session = join(dir, 'session');
    writeFileSync(session, sessionXauthority(cookie!));
    const listed = execFileSync('xauth', ['-f', session, 'nlist']).toString().trim().split('\n');
    // nlist: family(hex) addrlen addr numlen num namelen name datalen data
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(new RegExp(`^ffff 0000  0001 33 0012 ${Buffer.from(MIT_MAGIC_COOKIE).toString('hex')} 0010 ${COOKIE}$`, 'i'));
  });

  it('round-trips and refuses a truncated file', () => {
    const entry = { family: FAMILY_WILD, address: Buffer.alloc(0), number: '0', name: MIT_MAGIC_COOKIE, data: Buffer.from(COOKIE, 'hex') };
    const bytes = serializeXauthority([entry, { ...entry, number: '1' }]);
    expect(parseXauthority(bytes)).toEqual([entry, { ...entry, number: '1' }]);
    expect(() => parseXauthority(bytes.subarray(0, bytes.length - 3))).toThrow(/ends in the middle/);
    expect(parseXauthority(Buffer.alloc(0))).toEqual([]);
  });

  it('fingerprints without revealing the cookie', () => {
    const entry = { family: FAMILY_WILD, address: Buffer.alloc(0), number: '0', name: MIT_MAGIC_COOKIE, data: Buffer.from(COOKIE, 'hex') };
    const print = cookieFingerprint(entry);
    expect(print).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(print).not.toContain(COOKIE);
  });
});
