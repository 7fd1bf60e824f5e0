import { describe, expect, it } from 'vitest';
import { MIN_TMPFS_BYTES, SHM_DEFAULT_BYTES, budgetFits, minimumDiskLimitMiB, splitDiskLimit } from './tmpfs-budget';

const MiB = 1024 * 1024;

describe('splitDiskLimit: every tmpfs of a session together within diskLimit', () => {
  it('a 64 MiB limit: /dev/shm a quarter, /tmp and one extra tmpfs half of the rest each', () => {
    expect(splitDiskLimit(64 * MiB, 1)).toEqual({ shm: 16 * MiB, each: 24 * MiB, total: 64 * MiB });
  });

  it('the default 2 GiB: /dev/shm keeps Docker\'s 64 MiB, /tmp the rest', () => {
    expect(splitDiskLimit(2048 * MiB, 0)).toEqual({ shm: SHM_DEFAULT_BYTES, each: 1984 * MiB, total: 2048 * MiB });
  });

  it('sizes are whole pages, rounded down (the kernel rounds a tmpfs size up)', () => {
    const { shm, each, total } = splitDiskLimit(10 * MiB + 1, 2);
    expect(shm % 4096).toBe(0);
    expect(each % 4096).toBe(0);
    expect(total).toBeLessThanOrEqual(10 * MiB + 1);
  });

  it('never more than the limit, for any limit and count (bounded sweep)', () => {
    for (let mib = 4; mib <= 4096; mib = Math.ceil(mib * 1.37) + 1) {
      for (const extra of [0, 1, 2, 3, 7, 16, 63]) {
        const bytes = mib * MiB + (extra * 12_345) % 4096;
        const { shm, each, total } = splitDiskLimit(bytes, extra);
        expect(total).toBe(shm + each * (1 + extra));
        expect(total).toBeLessThanOrEqual(bytes);
        expect(shm).toBeGreaterThan(0);
      }
    }
  });
});

describe('minimumDiskLimitMiB: the least limit that gives each tmpfs at least 1 MiB', () => {
  it.each([0, 1, 2, 3, 4, 10, 100, 300])('with %d extra tmpfs mounts it fits, and one MiB less does not', (extra) => {
    const mib = minimumDiskLimitMiB(extra);
    expect(budgetFits(mib * MiB, extra)).toBe(true);
    expect(splitDiskLimit(mib * MiB, extra).each).toBeGreaterThanOrEqual(MIN_TMPFS_BYTES);
    if (mib > 4) expect(budgetFits((mib - 1) * MiB, extra)).toBe(false);
  });

  it('is 4 MiB without extra tmpfs mounts', () => {
    expect(minimumDiskLimitMiB(0)).toBe(4);
    expect(budgetFits(4 * MiB - 1, 0)).toBe(false);
  });
});
