// How a session's diskLimit is shared by its tmpfs mounts. Every tmpfs is memory the game can fill,
// so ALL of them together stay within diskLimit: /dev/shm, the writable /tmp (HOME lives there) and
// each extra tmpfs the user adds. /dev/shm keeps Docker's usual 64 MiB, but never more than a quarter
// of the limit; the rest is split evenly between /tmp and the extra tmpfs mounts. Sizes are whole
// pages, rounded down, because the kernel rounds a tmpfs size UP to whole pages.

const MiB = 1024 * 1024;
const PAGE_BYTES = 4096;

/** Docker's own /dev/shm size, kept when the disk limit is large enough. */
export const SHM_DEFAULT_BYTES = 64 * MiB;
/** The least /tmp and each extra tmpfs get: a share under this is refused (size=0 would mean "no limit"). */
export const MIN_TMPFS_BYTES = 1 * MiB;
/** The smallest diskLimit at all (/dev/shm 1 MiB, /tmp 3 MiB). */
export const MIN_DISK_LIMIT_BYTES = 4 * MiB;

export interface TmpfsBudget {
  /** Size of /dev/shm. */
  shm: number;
  /** Size of /tmp and of each extra tmpfs mount. */
  each: number;
  /** shm + each × (1 + extra mounts): never more than the disk limit. */
  total: number;
}

const pagesDown = (bytes: number) => Math.floor(bytes / PAGE_BYTES) * PAGE_BYTES;

/** The sizes for a disk limit of `diskBytes` and `extraTmpfs` tmpfs mounts besides /tmp. */
export function splitDiskLimit(diskBytes: number, extraTmpfs: number): TmpfsBudget {
  const shm = pagesDown(Math.min(SHM_DEFAULT_BYTES, diskBytes / 4));
  const each = pagesDown((diskBytes - shm) / (1 + extraTmpfs));
  return { shm, each, total: shm + each * (1 + extraTmpfs) };
}

/** Whether every tmpfs gets a real size (at least MIN_TMPFS_BYTES each, and some /dev/shm). */
export function budgetFits(diskBytes: number, extraTmpfs: number): boolean {
  const { shm, each } = splitDiskLimit(diskBytes, extraTmpfs);
  return diskBytes >= MIN_DISK_LIMIT_BYTES && shm > 0 && each >= MIN_TMPFS_BYTES;
}

/** The smallest disk limit, in whole MiB, that fits `extraTmpfs` extra tmpfs mounts. */
export function minimumDiskLimitMiB(extraTmpfs: number): number {
  const mounts = 1 + extraTmpfs;
  // A lower bound: under 256 MiB /dev/shm takes a quarter (3/4 is split), above it 64 MiB comes off.
  // The shares only grow with the limit, so walking up from there finds the least (page rounding
  // may need a MiB more); the walk is bounded.
  const from = Math.max(MIN_DISK_LIMIT_BYTES / MiB, Math.min(Math.ceil((4 * mounts) / 3), mounts + SHM_DEFAULT_BYTES / MiB));
  const to = from + SHM_DEFAULT_BYTES / MiB + 2 * mounts;
  for (let mib = from; mib < to; mib += 1) {
    if (budgetFits(mib * MiB, extraTmpfs)) return mib;
  }
  return to;
}
