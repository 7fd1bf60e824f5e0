import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir';
import {
  drmBusyPercent,
  drmClientMemoryBytes,
  drmMemoryBytes,
  parseDrmFdinfo,
  readDrmSnapshot,
  readProcessDrmClients,
  type DrmClient,
} from './drm-fdinfo';
import { amdgpuFdinfo, i915Fdinfo, NOT_DRM, writeProcess, xeFdinfo } from '../../test-support/drm-test-trees';

// No AMD or Intel GPU runs here: every fdinfo below is synthetic, written after the kernel's
// drm-usage-stats documentation (see test-support/drm-test-trees.ts).
const tempDir = useTempDirs();
const KIB = 1024;
const SECOND_NS = 1e9;

function client(text: string): DrmClient {
  const parsed = parseDrmFdinfo(text);
  if (!parsed) throw new Error('not a DRM client');
  return parsed;
}

describe('parseDrmFdinfo', () => {
  it('reads an i915 client: engines (a hyphenated one, a capacity), memory regions', () => {
    const parsed = client(i915Fdinfo(39, { render: 346249 }));
    expect(parsed).toMatchObject({ driver: 'i915', clientId: '39', pdev: '0000:00:02.0' });
    expect(parsed.engines.get('render')).toEqual({ busyNs: 346249, capacity: 1 });
    expect(parsed.engines.get('video')).toEqual({ busyNs: 0, capacity: 2 });
    expect(parsed.engines.get('video-enhance')).toEqual({ busyNs: 0, capacity: 1 });
    expect([...parsed.engines.keys()].sort()).toEqual(['copy', 'render', 'video', 'video-enhance']);
    expect(parsed.regions).toEqual(new Map([['system0', 6044 * KIB], ['stolen-system0', 0]]));
    expect(drmClientMemoryBytes(parsed)).toBe(6044 * KIB); // integrated: every region counts
  });

  it('reads an amdgpu client; its GPU memory is VRAM only (resident), not GTT', () => {
    const parsed = client(amdgpuFdinfo(17, { gfx: 5 * SECOND_NS }));
    expect(parsed.engines.get('gfx')).toEqual({ busyNs: 5 * SECOND_NS, capacity: 1 });
    expect(parsed.engines.has('enc_1')).toBe(true);
    expect(parsed.regions.get('gtt')).toBe(10240 * KIB);
    expect(drmClientMemoryBytes(parsed)).toBe(262144 * KIB);
  });

  it('reads an older amdgpu client that has only drm-memory-* keys', () => {
    const text = 'drm-driver:\tamdgpu\ndrm-client-id:\t3\ndrm-pdev:\t0000:03:00.0\ndrm-memory-vram:\t1024 KiB\ndrm-memory-gtt:\t2 MiB\ndrm-engine-gfx:\t10 ns\n';
    expect(drmClientMemoryBytes(client(text))).toBe(1024 * KIB);
  });

  it('reads xe cycle counters without taking drm-total-cycles-* for memory', () => {
    const parsed = client(xeFdinfo(4, { cycles: 28257900, total: 7655183225 }));
    expect(parsed.engines.get('rcs')).toEqual({ cycles: 28257900, totalCycles: 7655183225, capacity: 1 });
    expect(parsed.engines.get('ccs')?.capacity).toBe(4);
    expect([...parsed.regions.keys()].sort()).toEqual(['gtt', 'system', 'vram0']);
    expect(drmClientMemoryBytes(parsed)).toBe(23992 * KIB);
  });

  it('ignores files that are not DRM clients', () => {
    expect(parseDrmFdinfo(NOT_DRM)).toBeUndefined();
    expect(parseDrmFdinfo('drm-driver:\ti915\n')).toBeUndefined(); // no client id: cannot de-duplicate
  });
});

describe('drmBusyPercent', () => {
  it('is Δ engine time / Δ wall time, busiest engine, per client set', () => {
    const before = [client(amdgpuFdinfo(17, { gfx: 1 * SECOND_NS, dma: 0 }))];
    const after = [client(amdgpuFdinfo(17, { gfx: 1.5 * SECOND_NS, dma: 0.1 * SECOND_NS }))];
    expect(drmBusyPercent(before, after, SECOND_NS)).toBeCloseTo(50);
  });

  it('divides by the engine capacity (i915 video ×2)', () => {
    const before = [client(i915Fdinfo(39, { render: 0, video: 0 }))];
    const after = [client(i915Fdinfo(39, { render: 0.3 * SECOND_NS, video: 1.2 * SECOND_NS }))];
    expect(drmBusyPercent(before, after, SECOND_NS)).toBeCloseTo(60);
  });

  it('sums clients on the same engine, counts a duplicated client once, clamps at 100', () => {
    const before = [client(amdgpuFdinfo(1, { gfx: 0 })), client(amdgpuFdinfo(2, { gfx: 0 }))];
    const after = [client(amdgpuFdinfo(1, { gfx: 0.3 * SECOND_NS })), client(amdgpuFdinfo(1, { gfx: 0.3 * SECOND_NS })), client(amdgpuFdinfo(2, { gfx: 0.2 * SECOND_NS }))];
    expect(drmBusyPercent(before, after, SECOND_NS)).toBeCloseTo(50);
    const flooded = [client(amdgpuFdinfo(1, { gfx: 3 * SECOND_NS }))];
    expect(drmBusyPercent(before, flooded, SECOND_NS)).toBe(100);
  });

  it('uses xe cycles (Δcycles / Δtotal cycles, over the capacity)', () => {
    const before = [client(xeFdinfo(4, { cycles: 0, total: 1000 }, { cycles: 0, total: 1000 }))];
    const after = [client(xeFdinfo(4, { cycles: 250, total: 2000 }, { cycles: 2000, total: 2000 }))];
    expect(drmBusyPercent(before, after, SECOND_NS)).toBeCloseTo(50); // ccs: 2000 / (1000 × 4)
  });

  it('knows nothing about a new client or a zero interval', () => {
    const after = [client(amdgpuFdinfo(9, { gfx: 5 * SECOND_NS }))];
    expect(drmBusyPercent([], after, SECOND_NS)).toBeUndefined();
    expect(drmBusyPercent(after, after, 0)).toBeUndefined();
  });

  it('takes nothing from a counter that went back (gfx), and still reads the other engines', () => {
    const before = [client(amdgpuFdinfo(9, { gfx: 9 * SECOND_NS, dma: 0 }))];
    const after = [client(amdgpuFdinfo(9, { gfx: 5 * SECOND_NS, dma: 0.25 * SECOND_NS }))];
    expect(drmBusyPercent(before, after, SECOND_NS)).toBeCloseTo(25);
  });

  it('treats the same client id on two devices as two clients', () => {
    const intel = client(i915Fdinfo(5, { render: 0 }));
    const amd = client(amdgpuFdinfo(5, { gfx: 0 }));
    expect(drmMemoryBytes([intel, amd])).toBe(6044 * KIB + 262144 * KIB);
  });
});

describe('readProcessDrmClients and readDrmSnapshot (synthetic /proc trees)', () => {
  it('reads only fds on /dev/dri, once per client, and nothing for a process that has gone', async () => {
    const proc = tempDir();
    writeProcess(proc, 2000, [
      { fd: 0, target: '/dev/null', fdinfo: NOT_DRM },
      { fd: 5, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(17, { gfx: 1 }) },
      { fd: 6, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(17, { gfx: 1 }) }, // dup'ed fd
      { fd: 7, target: '/dev/dri/card0', fdinfo: amdgpuFdinfo(18, { gfx: 0 }, 0) },
      { fd: 8, target: '/home/user/game/data.pak', fdinfo: amdgpuFdinfo(99, { gfx: 0 }) }, // not a DRM fd
    ]);
    const clients = await readProcessDrmClients(2000, proc);
    expect(clients.map((found) => found.clientId).sort()).toEqual(['17', '18']);
    expect(await readProcessDrmClients(2001, proc)).toEqual([]);
  });

  it('falls back to every fdinfo file when the fd links cannot be read', async () => {
    const proc = tempDir();
    mkdirSync(join(proc, '3000', 'fdinfo'), { recursive: true });
    writeFileSync(join(proc, '3000', 'fdinfo', '4'), i915Fdinfo(39, { render: 7 }));
    writeFileSync(join(proc, '3000', 'fdinfo', '1'), NOT_DRM);
    expect((await readProcessDrmClients(3000, proc)).map((found) => found.driver)).toEqual(['i915']);
  });

  it('gives the busy % of a process between two snapshots', async () => {
    const proc = tempDir();
    const at = (gfx: number): void => writeProcess(proc, 2000, [{ fd: 5, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(17, { gfx }) }]);
    let clock = 10_000;
    at(1 * SECOND_NS);
    const first = await readDrmSnapshot([2000, 2001], proc, () => clock);
    clock += 500;
    at(1.2 * SECOND_NS);
    const second = await readDrmSnapshot([2000, 2001], proc, () => clock);
    expect([...second.clients.keys()]).toEqual([2000]);
    const wallNs = (second.atMs - first.atMs) * 1e6;
    expect(drmBusyPercent(first.clients.get(2000) ?? [], second.clients.get(2000) ?? [], wallNs)).toBeCloseTo(40);
  });
});
