import { describe, expect, it } from 'vitest';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { makeFacts, makeRequest } from '../test-support/test-facts';

const tmpfs = (n: number) => Array.from({ length: n }, (_, i) => ({ hostPath: '', containerPath: `/scratch${i}`, mode: 'rw' as const, type: 'tmpfs' as const }));

function check(diskLimit: string | undefined, extraTmpfs: number): Problem[] {
  const resources = { gpuAccess: 'none' as const, ...(diskLimit ? { diskLimit } : {}) };
  const result = validateLaunchRequest(makeRequest({ resources, volumes: tmpfs(extraTmpfs) }), makeFacts());
  return result.ok ? [] : result.problems;
}

describe('extra tmpfs mounts share the disk limit', () => {
  it.each([['64m', 1], ['4m', 2], [undefined, 50], ['7m', 4]] as const)('diskLimit %s with %d extra tmpfs mounts is fine', (diskLimit, extra) => {
    expect(check(diskLimit, extra)).toEqual([]);
  });

  it('a limit too small to give each tmpfs 1 MiB is refused, naming the least that fits', () => {
    expect(check('4m', 4)).toEqual([{
      path: 'launchConfig.resources.diskLimit',
      message: 'The disk limit 4m is shared by /dev/shm, /tmp and 4 tmpfs mounts, which leaves each less than 1 MiB: use at least 7m, or remove some tmpfs mounts.',
    }]);
    expect(check('6m', 4)[0]?.message).toMatch(/use at least 7m/);
  });

  it('one extra tmpfs is named in the singular', () => {
    expect(check('4m', 1)).toEqual([]);
    expect(check('4194304', 3)[0]?.message).toMatch(/shared by \/dev\/shm, \/tmp and 3 tmpfs mounts/);
  });

  it('a limit that is already wrong is reported once, by its own rule', () => {
    expect(check('3m', 5).map((p) => p.message)).toEqual([expect.stringMatching(/at least 4m/)]);
    expect(check('lots', 5).map((p) => p.message)).toEqual([expect.stringMatching(/not a size Docker understands/)]);
  });
});
