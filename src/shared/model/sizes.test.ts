import { describe, expect, it } from 'vitest';
import { DOCKER_MIN_MEMORY_BYTES, formatBytes, parseDockerSize } from './sizes';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

describe('parseDockerSize: the grammar Docker (go-units RAMInBytes) accepts, in binary units', () => {
  it.each([
    // The spec's examples.
    ['512m', 512 * MiB],
    ['4G', 4 * GiB],
    ['1.5g', 1.5 * GiB],
    ['4GiB', 4 * GiB],
    ['1048576', 1048576],
    ['4 GB', 4 * GiB],
    // go-units' own test cases for RAMInBytes.
    ['32', 32],
    ['32b', 32],
    ['32B', 32],
    ['32k', 32 * KiB],
    ['32K', 32 * KiB],
    ['32kb', 32 * KiB],
    ['32Kb', 32 * KiB],
    ['32Kib', 32 * KiB],
    ['32KIB', 32 * KiB],
    ['32Mb', 32 * MiB],
    ['32Gb', 32 * GiB],
    ['32Tb', 32 * TiB],
    ['32Pb', 32 * PiB],
    ['32PB', 32 * PiB],
    ['32P', 32 * PiB],
    ['32.3', 32],
    ['32.3 mb', Math.floor(32.3 * MiB)],
    ['0.3MB', Math.floor(0.3 * MiB)],
    // A space between number and unit, or a trailing one with no unit: the regex's ` ?`.
    ['6 m', 6 * MiB],
    ['32 B', 32],
    ['4 ', 4],
    ['0', 0],
    ['2MiB', 2 * MiB],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseDockerSize(text)).toBe(bytes);
  });

  it.each([
    // go-units' own refusals.
    [''],
    ['hello'],
    ['-32'],
    [' 32 '],
    ['32m b'],
    ['32bm'],
    // Not in the grammar at all.
    [' 4G'], // nothing may come before the number (Docker does not trim)
    ['4G '], // the only space allowed is between number and unit
    ['4  G'],
    ['.5g'],
    ['5.g'],
    ['1.2.3'],
    ['1e3'],
    ['+4g'],
    ['4x'],
    ['4gb!'],
    ['4GiBB'],
    ['4 GB?'],
    ['4e'], // exabytes are not a Docker unit
    ['0x10'],
    ['NaN'],
    ['Infinity'],
    ['１２m'], // full-width digits are not \d for Docker's RE2 either
    // The old regex took these (unit optional, then `i`): current go-units (v0.5.0) refuses them,
    // so we do too — a size we accept must work with any Docker.
    ['4i'],
    ['4ib'],
    ['4Gi'],
    ['4ki'],
  ])('%j is not a Docker size', (text) => {
    expect(parseDockerSize(text)).toBeUndefined();
  });

  it("is case-insensitive in the unit and never in the number's shape", () => {
    expect(parseDockerSize('4g')).toBe(parseDockerSize('4G'));
    expect(parseDockerSize('4gib')).toBe(parseDockerSize('4GIB'));
  });

  it("knows Docker's smallest memory limit: 6 MiB", () => {
    expect(DOCKER_MIN_MEMORY_BYTES).toBe(6 * MiB);
    expect(parseDockerSize('6m')).toBe(DOCKER_MIN_MEMORY_BYTES);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [512 * MiB, '512 MiB'],
    [16 * GiB, '16 GiB'],
    [1.5 * GiB, '1.5 GiB'],
    [2 * PiB, '2 PiB'],
    [2048 * PiB, '2048 PiB'],
  ])('%d bytes reads %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
