import { describe, expect, it } from 'vitest';
import {
  APP_MOUNTS, LIBRARY_VOLUME, SYSTEM_PATHS, VOLUME_NAME_PATTERN, isWithin, normalizeAbsolute,
} from './container-paths';

describe('normalizeAbsolute', () => {
  it.each([
    ['/saves/', '/saves'],
    ['/a/../b', '/b'],
    ['//x', '/x'],
    ['/a//b/../c/', '/a/c'],
    ['/./a/.', '/a'],
    ['/..', '/'],
    ['/../../etc', '/etc'],
    ['/', '/'],
    ['/saves', '/saves'],
  ])('%j → %j', (path, normalized) => {
    expect(normalizeAbsolute(path)).toBe(normalized);
  });
});

describe('isWithin', () => {
  it.each([
    ['/a', '/a', true],
    ['/a/b', '/a', true],
    ['/ab', '/a', false], // a prefix of the name is not a parent
    ['/a', '/a/b', false],
    ['/anything', '/', true],
    ['/', '/', true],
  ])('%j within %j: %s', (child, parent, within) => {
    expect(isWithin(child, parent)).toBe(within);
  });
});

describe('the app mounts and system paths', () => {
  it('lists every app mount as an absolute normalized path', () => {
    expect([...APP_MOUNTS]).toEqual(['/library', '/wine-prefix', '/dillinger-prefix-volume', '/run/dillinger', '/tmp/.X11-unix', '/tmp/dillinger-home', '/tmp/dillinger-runtime']);
    for (const mount of APP_MOUNTS) expect(normalizeAbsolute(mount)).toBe(mount);
  });

  it("covers the spec's system paths", () => {
    for (const path of ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sbin', '/sys', '/usr']) {
      expect(SYSTEM_PATHS).toContain(path);
    }
  });

  it.each([
    ['game-saves', true],
    ['ab', true],
    ['a', false],
    ['-saves', false],
    ['_saves', false],
    ['my saves', false],
    ['/home/x', false],
    [LIBRARY_VOLUME, true],
  ])('volume name %j valid: %s', (name, valid) => {
    expect(VOLUME_NAME_PATTERN.test(name)).toBe(valid);
  });
});
