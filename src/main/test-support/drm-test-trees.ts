// Test helper: synthetic /proc trees of DRM clients. No AMD or Intel GPU runs here, so the fdinfo
// texts are written after Documentation/gpu/drm-usage-stats.rst and the i915 / amdgpu / xe output it
// documents (same keys, units and tab layout), with counters we choose.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FD_HEADER = 'pos:\t0\nflags:\t02100002\nmnt_id:\t26\nino:\t284\n';

/** i915 on an integrated GPU: memory in system regions, a video engine group of capacity 2. */
export function i915Fdinfo(clientId: number, ns: { render: number; video?: number }): string {
  return (
    FD_HEADER +
    [
      'drm-driver:\ti915',
      `drm-client-id:\t${clientId}`,
      'drm-pdev:\t0000:00:02.0',
      'drm-total-system0:\t6044 KiB',
      'drm-shared-system0:\t0',
      'drm-active-system0:\t0',
      'drm-resident-system0:\t6044 KiB',
      'drm-purgeable-system0:\t1688 KiB',
      'drm-total-stolen-system0:\t0',
      'drm-shared-stolen-system0:\t0',
      'drm-active-stolen-system0:\t0',
      'drm-resident-stolen-system0:\t0',
      'drm-purgeable-stolen-system0:\t0',
      `drm-engine-render:\t${ns.render} ns`,
      'drm-engine-copy:\t0 ns',
      `drm-engine-video:\t${ns.video ?? 0} ns`,
      'drm-engine-capacity-video:\t2',
      'drm-engine-video-enhance:\t0 ns',
    ].join('\n') +
    '\n'
  );
}

/** amdgpu on a discrete card (kernel 6.10+: drm-total/resident plus the older drm-memory keys). */
export function amdgpuFdinfo(clientId: number, ns: { gfx: number; dma?: number }, vramKiB = 262144): string {
  return (
    FD_HEADER +
    [
      'drm-driver:\tamdgpu',
      `drm-client-id:\t${clientId}`,
      'drm-pdev:\t0000:03:00.0',
      'pasid:\t32771',
      'drm-total-cpu:\t0',
      'drm-resident-cpu:\t0',
      'drm-total-gtt:\t10240 KiB',
      'drm-shared-gtt:\t0',
      'drm-resident-gtt:\t10240 KiB',
      `drm-total-vram:\t${vramKiB} KiB`,
      'drm-shared-vram:\t0',
      'drm-active-vram:\t0',
      `drm-resident-vram:\t${vramKiB} KiB`,
      'drm-purgeable-vram:\t0',
      `drm-memory-vram:\t${vramKiB} KiB`,
      'drm-memory-gtt: \t10240 KiB',
      'drm-memory-cpu: \t0 KiB',
      `amd-memory-visible-vram:\t${vramKiB} KiB`,
      'amd-evicted-vram:\t0 KiB',
      `amd-requested-vram:\t${vramKiB} KiB`,
      `drm-engine-gfx:\t${ns.gfx} ns`,
      'drm-engine-compute:\t0 ns',
      `drm-engine-dma:\t${ns.dma ?? 0} ns`,
      'drm-engine-dec:\t0 ns',
      'drm-engine-enc:\t0 ns',
      'drm-engine-enc_1:\t0 ns',
    ].join('\n') +
    '\n'
  );
}

/** xe: busy and total GPU cycles instead of ns, VRAM in vram0. */
export function xeFdinfo(clientId: number, rcs: { cycles: number; total: number }, ccs = { cycles: 0, total: 0 }): string {
  return (
    FD_HEADER +
    [
      'drm-driver:\txe',
      `drm-client-id:\t${clientId}`,
      'drm-pdev:\t0000:03:00.0',
      'drm-total-system:\t0',
      'drm-resident-system:\t0',
      'drm-total-gtt:\t192 KiB',
      'drm-resident-gtt:\t192 KiB',
      'drm-total-vram0:\t23992 KiB',
      'drm-shared-vram0:\t16 MiB',
      'drm-resident-vram0:\t23992 KiB',
      `drm-cycles-rcs:\t${rcs.cycles}`,
      `drm-total-cycles-rcs:\t${rcs.total}`,
      'drm-cycles-bcs:\t0',
      `drm-total-cycles-bcs:\t${rcs.total}`,
      `drm-cycles-ccs:\t${ccs.cycles}`,
      `drm-total-cycles-ccs:\t${ccs.total}`,
      'drm-engine-capacity-ccs:\t4',
    ].join('\n') +
    '\n'
  );
}

export interface FakeFd {
  fd: number;
  /** Where /proc/<pid>/fd/<fd> points. */
  target: string;
  fdinfo: string;
}

/** Writes /proc/<pid>/fd/<n> (symlinks) and /proc/<pid>/fdinfo/<n>; call again to update counters. */
export function writeProcess(procRoot: string, pid: number, fds: readonly FakeFd[], cgroup?: string): void {
  const base = join(procRoot, String(pid));
  mkdirSync(join(base, 'fd'), { recursive: true });
  mkdirSync(join(base, 'fdinfo'), { recursive: true });
  for (const { fd, target, fdinfo } of fds) {
    try {
      symlinkSync(target, join(base, 'fd', String(fd)));
    } catch {
      // already there from an earlier reading
    }
    writeFileSync(join(base, 'fdinfo', String(fd)), fdinfo);
  }
  if (cgroup !== undefined) writeFileSync(join(base, 'cgroup'), cgroup);
}

export const NOT_DRM = 'pos:\t0\nflags:\t0100002\nmnt_id:\t25\nino:\t7\n';
